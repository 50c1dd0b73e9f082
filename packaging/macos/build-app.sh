#!/bin/sh
# Build "BIG Desk.app" and a disk image on macOS (untested: see packaging/README.md).
#
#   packaging/macos/build-app.sh            builds dist/BIG Desk.app and dist/BIG-Desk-VERSION.dmg
#
# Needs the project's virtual environment with the 'package' extra (make package does that
# set-up on any platform) and Xcode's command line tools (hdiutil and codesign come with macOS).
# The spec's BUNDLE step writes Info.plist: the version from bigdesk.__version__, the icon
# (bigdesk.icns, rendered from the SVG), and the document type: .bigdesk files are declared
# as the exported type org.bigdesk.BigDesk.workshop, owned by the app (CFBundleDocumentTypes).
set -eu
cd "$(dirname "$0")/../.."

python=.venv/bin/python
version="$($python -c 'import bigdesk; print(bigdesk.__version__)')"
.venv/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
  packaging/bigdesk.spec

app="dist/BIG Desk.app"
# -- ad-hoc signature so Gatekeeper on Apple silicon lets a local build run; a release is
#    signed with a Developer ID and notarised instead (see packaging/README.md)
codesign --force --deep --sign - "$app"
# -- tell Launch Services about the document type at once rather than at next login
/System/Library/Frameworks/CoreServices.framework/Frameworks/LaunchServices.framework/Support/lsregister -f "$app" || true

dmg="dist/BIG-Desk-$version.dmg"
rm -f "$dmg"
hdiutil create -volname "BIG Desk" -srcfolder "$app" -ov -format UDZO "$dmg"
echo "Built $app and $dmg"
