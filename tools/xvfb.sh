# Sourced by tools/test.sh and tools/bench_viewer.sh: when no X display is set, starts Xvfb on
# the first free display number from :90 and exports DISPLAY; an EXIT trap stops it again.
# Either way, Mesa's software renderer is used, so results do not depend on a GPU being there.
xvfb_pid=""
stop_xvfb() { if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi; }
trap stop_xvfb EXIT
if [ -z "${DISPLAY:-}" ]; then
  for n in $(seq 90 110); do
    if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then
      Xvfb ":$n" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
      xvfb_pid=$!
      export DISPLAY=":$n"
      break
    fi
  done
  sleep 1
fi
export LIBGL_ALWAYS_SOFTWARE=1
