#!/usr/bin/env bash
# Builds the Microsoft Teams app package (README, "Microsoft Teams"):
#
#   bash teams/package.sh [OUTPUT.zip]        default: artifacts/marrowbot-teams.zip
#
# The bot's Azure app id comes from the environment variable MicrosoftAppId when it is set (even to empty, as
# ASP.NET configuration reads it), else from the top-level "MicrosoftAppId" of appsettings.json. It must be a GUID.
# It is written into the manifest as the Teams app id and the bot id, the manifest and icons are checked, and the
# zip holds manifest.json, color.png and outline.png at its root, ready for Teams > Apps > Upload a custom app.
# Needs only bash and python3 (standard library).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
output="${1:-$root/artifacts/marrowbot-teams.zip}"

if [ "${MicrosoftAppId+set}" = set ]; then
  source_name="the environment variable MicrosoftAppId"
  app_id="$MicrosoftAppId"
else
  source_name="\"MicrosoftAppId\" in $root/appsettings.json"
  app_id="$(python3 - "$root/appsettings.json" <<'PY'
import json, sys
try:
    with open(sys.argv[1], encoding="utf-8-sig") as f:
        print(json.load(f).get("MicrosoftAppId") or "")
except (OSError, ValueError) as e:
    sys.exit(f"teams/package.sh: cannot read MicrosoftAppId from {sys.argv[1]}: {e}")
PY
)"
fi

exec python3 - "$here" "$output" "$app_id" "$source_name" <<'PY'
import json
import os
import re
import struct
import sys
import tempfile
import zipfile

teams_dir, output, app_id, source_name = sys.argv[1:5]
PLACEHOLDER = "{{MICROSOFT_APP_ID}}"
GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
ICONS = {"color": 192, "outline": 32}


def fail(message):
    print(f"teams/package.sh: {message}", file=sys.stderr)
    sys.exit(1)


app_id = app_id.strip()
if not app_id:
    fail(f"MicrosoftAppId is empty ({source_name}). Set it to the Azure Bot's Microsoft App ID, for example\n"
         "  MicrosoftAppId=00000000-0000-0000-0000-000000000000 bash teams/package.sh")
if not GUID.match(app_id):
    fail(f"MicrosoftAppId is not a GUID ({source_name}): the Azure Bot's Microsoft App ID looks like "
         "00000000-0000-0000-0000-000000000000.")

with open(os.path.join(teams_dir, "manifest.json"), encoding="utf-8") as f:
    template = f.read()
if PLACEHOLDER not in template:
    fail(f"teams/manifest.json has no {PLACEHOLDER} placeholder to fill.")
text = template.replace(PLACEHOLDER, app_id)

try:
    manifest = json.loads(text)
except json.JSONDecodeError as e:
    fail(f"teams/manifest.json is not valid JSON: {e}")

# The checks Teams makes on upload that are cheap to make here.
problems = []
if "{{" in text:
    problems.append("an unfilled {{...}} placeholder remains")
if manifest.get("id") != app_id:
    problems.append("id is not the app id")
bots = manifest.get("bots") or []
if len(bots) != 1 or bots[0].get("botId") != app_id:
    problems.append("bots[0].botId is not the app id")
for field, limit in (("name.short", 30), ("name.full", 100), ("description.short", 80), ("description.full", 4000), ("developer.name", 32)):
    parent, key = field.split(".")
    value = (manifest.get(parent) or {}).get(key) or ""
    if not value or len(value) > limit:
        problems.append(f"{field} must be 1-{limit} characters (has {len(value)})")
for key in ("websiteUrl", "privacyUrl", "termsOfUseUrl"):
    if not str((manifest.get("developer") or {}).get(key, "")).startswith("https://"):
        problems.append(f"developer.{key} must be an https URL")
if problems:
    fail("teams/manifest.json: " + "; ".join(problems))


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(26)
    if len(head) < 26 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        fail(f"{path} is not a PNG file")
    width, height = struct.unpack(">II", head[16:24])
    return width, height, head[25]


icon_files = {}
for kind, size in ICONS.items():
    name = (manifest.get("icons") or {}).get(kind)
    if not name:
        fail(f"teams/manifest.json names no {kind} icon")
    path = os.path.join(teams_dir, name)
    if not os.path.isfile(path):
        fail(f"the {kind} icon {path} is missing (python3 teams/make_icons.py draws it)")
    width, height, colour_type = png_size(path)
    if (width, height) != (size, size):
        fail(f"the {kind} icon {name} is {width}x{height}; Teams needs {size}x{size}")
    if kind == "outline" and colour_type not in (4, 6):
        fail(f"the outline icon {name} has no alpha channel; Teams needs white on a transparent background")
    icon_files[name] = path

if "replace-me" in text.lower():
    print("teams/package.sh: warning: the developer name and URLs in teams/manifest.json are still placeholders "
          "(replace-me); replace them before publishing outside your own tenant.", file=sys.stderr)

output = os.path.abspath(output)
os.makedirs(os.path.dirname(output), exist_ok=True)
fd, partial = tempfile.mkstemp(suffix=".zip", dir=os.path.dirname(output))
os.close(fd)
try:
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as z:
        def add(name, data):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))  # fixed time: the same inputs give the same zip
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)

        add("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        for name, path in icon_files.items():
            with open(path, "rb") as f:
                add(name, f.read())
    os.replace(partial, output)
finally:
    if os.path.exists(partial):
        os.remove(partial)

print(f"wrote {output} (app id {app_id})")
PY
