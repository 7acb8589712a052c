-- wrk script: GET one path, with a bearer token unless it is "-". args: <path> <token>
function init(args)
  path = args[1]
  token = args[2]
end

function request()
  if token == nil or token == "-" then
    return wrk.format("GET", path)
  end
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end
