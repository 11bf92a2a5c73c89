"""The ``claimgraph`` command line: a thin click layer over the :mod:`kg` library."""
