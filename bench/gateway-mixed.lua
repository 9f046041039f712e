-- wrk script for bench/gateway.sh's mixed workload: what respondents do on the survey pages, half page views and
-- half submissions. Every other request opens an organization's survey page (GET /s/<campaign>/<organization>, the
-- server-rendered questionnaire); the others POST a valid, varied response (as bench/gateway-post.lua does).
local counter = 0
local thread_id = 0
local started, submitted

function setup(thread)
  thread:set("thread_id", thread_id)
  thread_id = thread_id + 1
end

function init(args)
  counter = 0
  -- Filled in five minutes before now, so every response passes the clock checks.
  started = os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() - 600)
  submitted = os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() - 300)
end

function request()
  counter = counter + 1
  local n = counter * 16 + (thread_id or 0)
  if counter % 2 == 0 then
    return wrk.format("GET", "/s/demo-2026-noko/bench-org-" .. (n % 2000), {["Accept"] = "text/html"})
  end
  local body = '{"campaignId": "demo-2026-noko", "organizationId": "bench-org-' .. (n % 2000) .. '",'
    .. ' "respondentRole": "parent", "answers": {"q1": true, "q2": true, "q3": true, "q4": ' .. tostring(n % 3 ~= 0) .. ','
    .. ' "q5": true, "q6": false, "q8": true, "q9": ' .. tostring(n % 5 ~= 0) .. ', "q10": false, "q12": true,'
    .. ' "q13": true, "q14": true}, "startedAt": "' .. started .. '", "submittedAt": "' .. submitted .. '",'
    .. ' "deviceToken": "bench-device-' .. n .. '-0123456789", "email": "parent' .. n .. '@example.ru"}'
  return wrk.format("POST", "/api/v1/responses", {["Content-Type"] = "application/json"}, body)
end
