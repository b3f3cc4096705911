-- Puts a job into the delayed set, due at a time (countdown / ETA).
-- ARGV: ns, own, expiry, due ms, queue, payload, task id, chain id or '', chain date, chain score,
--       field count, fields...
if ARGV[8] ~= '' and not claim_link(ARGV[8], ARGV[9], ARGV[7], ARGV[10], tonumber(ARGV[3])) then
  return 0
end
add_delayed(tonumber(ARGV[4]), ARGV[5] .. '|' .. ARGV[6])
local fields = {}
for k = 1, tonumber(ARGV[11]) do fields[k] = ARGV[11 + k] end
set_state(ARGV[7], tonumber(ARGV[3]), fields)
index_task(ARGV[7], ARGV[10])
return 1
