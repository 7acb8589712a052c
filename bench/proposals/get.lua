-- wrk script: GET one paragraph with its ten proposals. args: <seed dir>
function init(args)
  local dir = args[1]
  for line in io.lines(dir .. "/get_path.txt") do path = line end
  for line in io.lines(dir .. "/get_token.txt") do token = line end
end

function request()
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end
