-- wrk script: POST an amendment per request, as 32 delegates in turn, each with its own Idempotency-Key.
-- args: <seed dir> <run id>
local n = 0
function setup(thread)
  n = n + 1
  thread:set("tid", n)
end

function init(args)
  local dir = args[1]
  run = args[2]
  tokens, paragraphs = {}, {}
  for line in io.lines(dir .. "/tokens.txt") do tokens[#tokens + 1] = line end
  for line in io.lines(dir .. "/paragraphs.txt") do paragraphs[#paragraphs + 1] = line end
  for line in io.lines(dir .. "/post_base.txt") do base = line end
  counter = 0
end

function request()
  counter = counter + 1
  local token = tokens[((tid * 13 + counter) % #tokens) + 1]
  local p = paragraphs[(counter % #paragraphs) + 1]
  local key = run .. "-" .. tid .. "-" .. counter
  local body = '{"kind":"amend","paragraph":' .. p .. ',"text":"(أ) نص مقترح للفقرة يشمل WSIS+20 و(ITU) ' .. key
      .. '","rationale":"تحديث الأرقام وفقاً لأحدث إحصاءات الاتحاد."}'
  return wrk.format("POST", base .. "/proposals", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
    ["Idempotency-Key"] = key,
  }, body)
end
