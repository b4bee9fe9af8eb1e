#!/bin/sh
# A queue worker for `warraq serve` (README, "An archive"): takes article paths from a Redis list, POSTs
# each to the service and writes <OUT>/<name>.zip (the three formats). The reliable-queue pattern: BLMOVE
# moves a job into this worker's own "working" list, and it leaves that list only once its outcome is
# recorded, so a worker that dies mid-job leaves the job where a reaper can put it back
# (redis-cli LMOVE "$QUEUE:working:…" "$QUEUE" RIGHT LEFT). Outputs are byte-reproducible: a job done twice
# writes the same bytes. Needs redis-cli and curl (7.87+). Run several on as many hosts as you like.
#   REDIS_URL  redis://host:6379 (default: local)     SERVICE  the service (default http://127.0.0.1:8080)
#   QUEUE      the list of jobs (default warraq:jobs)  OUT      the folder the zips go to (default dist)
#   DRAIN=1    stop when the queue stays empty for WAIT seconds (default: wait for more for ever)
set -eu
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
SERVICE=${SERVICE:-http://127.0.0.1:8080}
QUEUE=${QUEUE:-warraq:jobs}
OUT=${OUT:-dist}
WAIT=${WAIT:-5}
WORKING="$QUEUE:working:$(hostname):$$"
redis() { redis-cli -u "$REDIS_URL" --raw "$@"; }
mkdir -p "$OUT"

while :; do
  job=$(redis BLMOVE "$QUEUE" "$WORKING" LEFT RIGHT "$WAIT")
  if [ -z "$job" ]; then
    [ "${DRAIN:-0}" = 1 ] && break
    continue
  fi
  name=$(basename "$job")
  stem=${name%.*}
  case "$name" in
    *.md | *.markdown) type=text/markdown ;;
    *.html | *.htm) type=text/html ;;
    *.json) type=application/json ;;
    *) type=text/plain ;;
  esac
  partial="$OUT/.$stem.zip.$$"
  status=$(curl -sS -o "$partial" -w '%{http_code}' -H "Content-Type: $type" --data-binary "@$job" \
    --url-query format=all --url-query "name=$stem" "$SERVICE/v1/build") || status=000
  case "$status" in
    200)
      mv "$partial" "$OUT/$stem.zip"
      redis RPUSH "$QUEUE:done" "$job" >/dev/null
      ;;
    429 | 503 | 504 | 000)
      # Busy, shutting down or unreachable: the job goes back to the end of the queue, for any worker.
      rm -f "$partial"
      redis LMOVE "$WORKING" "$QUEUE" RIGHT RIGHT >/dev/null
      sleep 1
      continue
      ;;
    *)
      # The article was refused (its one-line error is in the JSON body): recorded, not retried.
      redis RPUSH "$QUEUE:failed" "$(printf '%s\t%s' "$job" "$(cat "$partial")")" >/dev/null
      rm -f "$partial"
      ;;
  esac
  redis LREM "$WORKING" 1 "$job" >/dev/null
done
