"""Test helpers: a stub collector (http.server on 127.0.0.1) and an independent wire checker."""
