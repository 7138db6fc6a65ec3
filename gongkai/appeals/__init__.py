"""行政复议 and 行政诉讼 cases arising from disclosure work: the agency's clocks (``clocks``), the versioned
mapping of dispositions to table 4's columns (``dispositions``), table 4 and the rates from case records
(``table4``), and the skeletons of the agency's filings (``letters``). Framework-free."""
