-- wrk script for bench/gateway.sh: valid, varied survey responses (2,000 organizations, a device token per
-- organization, an e-mail per request), POSTed as a client of the API does: with the submission token the gateway gave
-- with each organization's questionnaire (GatewayBenchmark asks for the 2,000 before the rounds and names the file
-- that holds them in NOKO_BENCH_TOKENS).
local counter = 0
local thread_id = 0
local started, submitted

function setup(thread)
  thread:set("thread_id", thread_id)
  thread_id = thread_id + 1
end

function init(args)
  counter = 0
  tokens = dofile(os.getenv("NOKO_BENCH_TOKENS"))
  -- Filled in five minutes before now, so every response passes the clock checks.
  started = os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() - 600)
  submitted = os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() - 300)
end

function request()
  counter = counter + 1
  local n = counter * 16 + (thread_id or 0)
  local organization = n % 2000
  local body = '{"campaignId": "demo-2026-noko", "organizationId": "bench-org-' .. organization .. '",'
    .. ' "respondentRole": "parent", "answers": {"q1": true, "q2": true, "q3": true, "q4": ' .. tostring(n % 3 ~= 0) .. ','
    .. ' "q5": true, "q6": false, "q8": true, "q9": ' .. tostring(n % 5 ~= 0) .. ', "q10": false, "q12": true,'
    .. ' "q13": true, "q14": true}, "startedAt": "' .. started .. '", "submittedAt": "' .. submitted .. '",'
    .. ' "deviceToken": "bench-device-' .. organization .. '-0123456789", "email": "parent' .. n .. '@example.ru",'
    .. ' "submissionToken": "' .. tokens[organization + 1] .. '"}'
  return wrk.format("POST", "/api/v1/responses", {["Content-Type"] = "application/json"}, body)
end
