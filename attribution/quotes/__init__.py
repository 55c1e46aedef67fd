"""Quote detection: direct quotes from quotation-mark structure, reported speech from the parse."""
