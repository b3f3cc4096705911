-- ARGV: ns, own, expiry, count, then count groups for enqueue_all.
enqueue_all(5, tonumber(ARGV[4]), tonumber(ARGV[3]))
return 1
