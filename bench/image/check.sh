#!/usr/bin/env bash
# Checks the container image without a registry or a container runtime (issue 18): builds it with Jib on an
# empty base (`-Djib.from.image=scratch`: no JRE inside, which is what a registry base adds), then checks the
# image's config (non-root user, /data volume and its mode, environment, port, entrypoint) and runs the image's
# application layers, unpacked, with this machine's JRE 17 as the base image's would: the entrypoint's class
# path file, the main class and the resources must start a server that answers /health/ready on /data.
# Appends its outcome to bench/image/results.md. About a minute after a build.
#   bench/image/check.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=${WORK:-/tmp/plenary-image-check}
PORT=${PORT:-18642}
rm -rf "$WORK"; mkdir -p "$WORK/root"
cd "$ROOT"
[ -d server/target/classes/org ] || mvn -B -q -DskipTests -Dskip.web=true install
mvn -B -q -Pimage jib:buildTar -pl server -Djib.from.image=scratch
TAR=server/target/plenary-image.tar
tar -xf "$TAR" -C "$WORK"
python3 - "$WORK" > "$WORK/config.txt" <<'PY'
import json, sys
w = sys.argv[1]
manifest = json.load(open(w + "/manifest.json"))[0]
config = json.load(open(w + "/" + manifest["Config"]))["config"]
checks = {
  "user is not root": config.get("User", "").split(":")[0] not in ("", "0", "root"),
  "/data is a volume": "/data" in config.get("Volumes", {}),
  "PLENARY_DATA_DIR=/data": "PLENARY_DATA_DIR=/data" in config.get("Env", []),
  "PLENARY_HOST=0.0.0.0": "PLENARY_HOST=0.0.0.0" in config.get("Env", []),
  "port 8080": "8080/tcp" in config.get("ExposedPorts", {}),
  "entrypoint runs org.plenary.Main": config.get("Entrypoint", [])[-1:] == ["org.plenary.Main"],
}
for k, v in checks.items():
  print(("ok   " if v else "FAIL ") + k)
print("tags " + " ".join(manifest["RepoTags"]) + "; layers " + str(len(manifest["Layers"])))
print("entrypoint " + " ".join(config["Entrypoint"]))
print("user " + config["User"])
PY
for layer in $(python3 -c "import json,sys; print(' '.join(json.load(open('$WORK/manifest.json'))[0]['Layers']))"); do
  tar -xzf "$WORK/$layer" -C "$WORK/root"
done
DATA_MODE=$(stat -c %a "$WORK/root/data" 2>/dev/null || echo missing)
DATA_GROUP=$(stat -c %g "$WORK/root/data" 2>/dev/null || echo missing)
if [ "$DATA_MODE" = 775 ] && [ "$DATA_GROUP" = 0 ]; then ok=ok; else ok=FAIL; fi
printf '%-4s /data in the image, group 0 and g+rwx (mode %s, group %s)\n' "$ok" "$DATA_MODE" "$DATA_GROUP" >> "$WORK/config.txt"
# the entrypoint, with /app and /data under the unpacked root and this machine's java as the base image's
CP=$(sed "s#/app/#$WORK/root/app/#g" "$WORK/root/app/jib-classpath-file")
mkdir -p "$WORK/data"
start=$(date +%s%N)
PLENARY_DATA_DIR="$WORK/data" PLENARY_HOST=127.0.0.1 PLENARY_PORT=$PORT PLENARY_ADMIN_PASSWORD=image-check-password \
  java -XX:MaxRAMPercentage=75 -cp "$CP" org.plenary.Main > "$WORK/server.log" 2>&1 &
PID=$!
ready=no
for _ in $(seq 1 240); do
  if curl -fs "http://127.0.0.1:$PORT/health/ready" > "$WORK/ready.json" 2>/dev/null; then ready=yes; break; fi
  sleep 0.25
done
ms=$(( ($(date +%s%N) - start) / 1000000 ))
kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true
cat "$WORK/config.txt"
echo "application layers started on a JRE 17: $ready ($ms ms to /health/ready: $(cat "$WORK/ready.json" 2>/dev/null))"
status=0
grep -q '^FAIL' "$WORK/config.txt" && status=1
[ "$ready" = yes ] || status=1
{
  echo
  echo "## Check of $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD)"
  echo
  echo '```'
  cat "$WORK/config.txt"
  echo "application layers started on a JRE 17: $ready ($ms ms to /health/ready)"
  echo '```'
} >> "$HERE/results.md"
exit $status
