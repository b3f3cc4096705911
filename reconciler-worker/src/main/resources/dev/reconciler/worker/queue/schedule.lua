-- Puts a job into the delayed set, due at a time (countdown / ETA).
-- ARGV: ns, own, expiry, due ms, queue, payload, task id, field count, fields...
redis.call('ZADD', own .. ':delayed', tonumber(ARGV[4]), ARGV[5] .. '|' .. ARGV[6])
local fields = {}
for k = 1, tonumber(ARGV[8]) do fields[k] = ARGV[8 + k] end
set_state(ARGV[7], tonumber(ARGV[3]), fields)
return 1
