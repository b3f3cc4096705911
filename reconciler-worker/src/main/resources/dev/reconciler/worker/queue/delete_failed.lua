-- Operator's delete of one failure record, only if the record at the index is still the one the
-- operator saw. ARGV: ns, own, expiry, index, expected record. Returns 1 when deleted, else 0.
if take_failed(tonumber(ARGV[4]), ARGV[5]) then return 1 end
return 0
