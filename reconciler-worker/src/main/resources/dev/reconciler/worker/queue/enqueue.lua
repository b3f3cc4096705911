-- ARGV: ns, own, expiry, count, then count groups for enqueue_all. Returns how many were enqueued.
local _, enqueued = enqueue_all(5, tonumber(ARGV[4]), tonumber(ARGV[3]))
return enqueued
