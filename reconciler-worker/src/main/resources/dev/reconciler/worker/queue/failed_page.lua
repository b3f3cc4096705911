-- Operator's "failed list" and "failed retry": one page of the failed list, so the CLI holds one
-- bounded page however long the list and however large its records (anyone who can write Redis
-- can fill it). ARGV: ns, own, expiry, first index, most records, most bytes (the first record is
-- always given), longest record given. A longer record is given as its length in bytes and its
-- SHA-1 (hex) instead, which is how an operator's delete of it (delete_failed_unread) names it.
-- Records are read one at a time (LINDEX, not LRANGE) so the script itself holds at most one of
-- them.
local key = ns .. ':failed'
local first = tonumber(ARGV[4])
local max_records = tonumber(ARGV[5])
local max_bytes = tonumber(ARGV[6])
local max_record = tonumber(ARGV[7])
local page = {}
local total = 0
for i = first, first + max_records - 1 do
  local record = redis.call('LINDEX', key, i)
  if not record then break end
  if #record > max_record then
    page[#page + 1] = {#record, redis.sha1hex(record)}
  else
    if #page > 0 and total + #record > max_bytes then break end
    total = total + #record
    page[#page + 1] = record
  end
end
return page
