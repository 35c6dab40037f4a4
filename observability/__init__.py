"""What an operator sees of the running site: one access line per request with a request id, logs as JSON
lines (or plain text for development), and error reports to Sentry when SENTRY_DSN is set. Imports no
register. README.md, "Logs", says how to read them."""
