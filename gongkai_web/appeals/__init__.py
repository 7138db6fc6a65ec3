"""行政复议 and 行政诉讼 cases arising from disclosure work, their clocks and table 4 (issue 16)."""
