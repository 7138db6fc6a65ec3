"""Chinese full-text search, the framework-free half: what an index entry is, what a query asks, what a
hit is (``entry``); segmentation (``segment``), query analysis (``query``), snippets and relevance
metrics. The web's ``gongkai_web.search`` stores the entries and runs the back ends."""
