-- Operator's delete of one failure record too long to have been read (failed_page gives its length
-- and SHA-1 instead of its bytes), only if the record at the index still has both: one any client
-- wrote at the index meanwhile is left alone. ARGV: ns, own, expiry, index, length, SHA-1 (hex).
-- Returns 1 when deleted, else 0.
local idx = tonumber(ARGV[4])
local record = redis.call('LINDEX', ns .. ':failed', idx)
if not record or #record ~= tonumber(ARGV[5]) or redis.sha1hex(record) ~= ARGV[6] then return 0 end
drop_failed(idx)
return 1
