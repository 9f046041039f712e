-- wrk script for bench/gateway.sh's mixed workload: what respondents do on the survey pages, half page views and
-- half submissions. Every other request opens an organization's survey page (GET /s/<campaign>/<organization>, the
-- server-rendered questionnaire); the others POST a valid, varied response, exactly as bench/gateway-post.lua does
-- (loaded here; wrk runs from the repository's root).
dofile("bench/gateway-post.lua")
local post = request
local views = 0

function request()
  views = views + 1
  if views % 2 == 0 then
    return wrk.format("GET", "/s/demo-2026-noko/bench-org-" .. ((views * 16 + (thread_id or 0)) % 2000),
      {["Accept"] = "text/html"})
  end
  return post()
end
