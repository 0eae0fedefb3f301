# Shared by tools/run.sh and tools/test.sh: installs the Debian packages PoseLab needs when they
# are missing (apt-get update once, then one install; sudo only when not root). Idempotent.
# Usage: source tools/deps.sh; poselab_ensure_packages [--no-viewer]

poselab_packages() {
  # Core (sim/, CLI, tests).
  local pkgs="cmake g++ make pkg-config git libbullet-dev nlohmann-json3-dev libglm-dev libgtest-dev"
  if [ "${1:-}" != "--no-viewer" ]; then
    # Viewer: GLFW, ImGui (+ its shipped backends), glad generator, stb, GL, and Xvfb with Mesa's
    # software renderer for headless screenshots and rendering tests.
    # CLI11 parses the viewer's command line.
    pkgs="$pkgs libglfw3-dev libimgui-dev libcli11-dev python3-glad libstb-dev libgl-dev"
    pkgs="$pkgs libgl1-mesa-dri xvfb xauth"
  fi
  echo "$pkgs"
}

poselab_ensure_packages() {
  local missing=()
  local p
  for p in $(poselab_packages "$@"); do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "Installing missing packages: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}
