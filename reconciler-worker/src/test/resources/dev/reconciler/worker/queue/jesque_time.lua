-- Test only: the prelude's jesque_time of ARGV[3] epoch seconds and ARGV[4] microseconds.
return jesque_time(tonumber(ARGV[3]), tonumber(ARGV[4]))
