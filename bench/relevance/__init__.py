"""Search quality: the judged query set of issue 12 and the command that measures it (``make relevance``)."""
