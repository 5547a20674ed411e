#!/usr/bin/env bash
# Takes images/screenshot.png: Neovim (Debian's neovim) with the Neovim setup of
# docs/editors.md, attached to `genai-qa lsp --stdio`, on a copy of content/generative-ai.md
# with two question headings broken, in a tmux pane of 150x30. The pane is captured as text
# (tmux capture-pane) and the text drawn into a PNG by ImageMagick: what the terminal showed,
# without its colours. Needs: apt-get install neovim tmux imagemagick fonts-dejavu-core.
# Run from anywhere after `npm run build:packages`.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'tmux kill-session -t genai-qa-shot 2>/dev/null || true; rm -rf "$work"' EXIT

mkdir -p "$work/content" "$work/node_modules/@genai-qa"
ln -s "$repo/packages/cli" "$work/node_modules/@genai-qa/cli"
cp -r "$repo/content/images" "$work/content/images"
sed -e 's/^# 3\. What is a GAN?/# 3.What is a GAN?/' -e 's/^# 4\. /# 4./' "$repo/content/generative-ai.md" > "$work/content/generative-ai.md"
# The Lua block of docs/editors.md, as a reader would copy it.
awk '/^```lua$/{on=1; next} /^```$/{on=0} on' "$repo/docs/editors.md" > "$work/init.lua"
printf 'vim.o.number = true\nvim.o.signcolumn = "yes"\nvim.o.wrap = false\n' >> "$work/init.lua"

cd "$work"
tmux new-session -d -s genai-qa-shot -x 150 -y 30 "nvim -n -i NONE -u init.lua +26 content/generative-ai.md"
sleep 4
tmux send-keys -t genai-qa-shot 'zt' ''
sleep 1
tmux capture-pane -t genai-qa-shot -p > "$work/pane.txt"
# One label per line (ImageMagick's policy caps the length of one label), stacked.
labels=()
nbsp=$'\u00a0'
while IFS= read -r line || [ -n "$line" ]; do
  line="${line//\\/\\\\}"
  # label drops leading blanks: keep the columns with no-break spaces.
  lead="${line%%[! ]*}"
  line="${lead// /$nbsp}${line#"$lead"}"
  labels+=("label:${line//%/%%} ")
done < "$work/pane.txt"
"$(command -v /usr/bin/convert || command -v convert)" -background '#1e1e1e' -fill '#e0e0e0' -font DejaVu-Sans-Mono -pointsize 15 \
  "${labels[@]}" -gravity west -append -bordercolor '#1e1e1e' -border 12 "$here/images/screenshot.png" || true
test -s "$here/images/screenshot.png"
cat "$work/pane.txt"
echo "wrote $here/images/screenshot.png"
