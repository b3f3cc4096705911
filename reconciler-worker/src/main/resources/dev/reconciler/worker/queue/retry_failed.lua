-- Operator's "failed retry": removes the failure record at an index (only if it is still the
-- one the operator saw) and enqueues its payload again. ARGV: ns, own, expiry, index, expected
-- record, queue, payload, task id, field count, fields...
local idx = tonumber(ARGV[4])
if not take_failed(idx, ARGV[5]) then return 0 end
local fields = {}
for k = 1, tonumber(ARGV[9]) do fields[k] = ARGV[9 + k] end
enqueue(ARGV[6], ARGV[7], ARGV[8], tonumber(ARGV[3]), fields)
return 1
