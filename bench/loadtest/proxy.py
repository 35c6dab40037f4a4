"""What every load-test request shares: the proxy's headers, and how an answer is judged."""

from collections import Counter

# As the README's nginx sends them: TLS ended at the proxy, the client's address last in X-Forwarded-For.
PROXY_HEADERS = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1"}
# 429s per endpoint: rate limits answering as designed, reported apart from errors.
RATE_LIMITED = Counter()


def check(response, name, expected):
    """Inside ``catch_response``: ``expected`` is a success, a 429 too (counted in RATE_LIMITED), anything
    else an error named by its status (0: no answer, with the client's reason)."""
    status = response.status_code
    if status == 429:
        RATE_LIMITED[name] += 1
        response.success()
    elif status == expected:
        response.success()
    elif status:
        response.failure(f"HTTP {status}")
    else:
        response.failure(f"no answer: {getattr(response, 'error', None)}")
