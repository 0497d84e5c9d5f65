-- herald's settings for `make bench` (bench/run) and the bench.smoke test.
-- The limits that protect a public deployment from any one client are raised,
-- because here one load generator on one address plays every client: it opens
-- 10,000 WebSockets and asks thousands of questions a second on each.
-- Everything else (logging included) stays at its default.
limits = {
  max_connections = 20000,
  max_connections_per_address = 20000,
  rate_per_second = 10000,
  rate_burst = 100000,
  ping_seconds = 600,
  idle_seconds = 1200,
}
-- Voice is measured on its own (docs/voice.md, docs/performance.md): its
-- dictionary and recognisers are not the knowledge base the targets speak of.
voice = { enabled = 0 }
