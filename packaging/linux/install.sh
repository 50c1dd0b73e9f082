#!/bin/sh
# Install (or remove) the BIG Desk bundle for one user, or under a prefix.
#
#   ./install.sh                     installs under ~/.local
#   ./install.sh --prefix /opt/x     installs under /opt/x (run as root for a system prefix)
#   ./install.sh --uninstall [--prefix P]
#
# Run it from the bundle folder (the one holding the bigdesk program, _internal/ and share/).
# The program goes to PREFIX/lib/bigdesk with a link in PREFIX/bin; the desktop file, the
# AppStream metainfo, the MIME type and the icons go to PREFIX/share.
set -eu

APP_ID=org.bigdesk.BigDesk
PROGRAM=bigdesk
prefix="$HOME/.local"
action=install

while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="$2"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    --uninstall) action=uninstall; shift ;;
    -h|--help) sed -n '2,10s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

bundle="$(cd "$(dirname "$0")" && pwd)"
lib="$prefix/lib/$PROGRAM"
share="$prefix/share"
installed="
applications/$APP_ID.desktop
metainfo/$APP_ID.metainfo.xml
mime/packages/$APP_ID.xml"

refresh() {
  # -- the caches are optional: desktops without them read the files directly
  if command -v update-mime-database >/dev/null 2>&1; then
    update-mime-database "$share/mime" >/dev/null 2>&1 || true
  fi
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$share/applications" 2>/dev/null || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$share/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t "$share/icons/hicolor" 2>/dev/null || true
  fi
}

if [ "$action" = uninstall ]; then
  rm -rf "$lib"
  [ -L "$prefix/bin/$PROGRAM" ] && rm -f "$prefix/bin/$PROGRAM"
  for file in $installed; do rm -f "$share/$file"; done
  find "$share/icons/hicolor" -name "$APP_ID.*" -type f -delete 2>/dev/null || true
  refresh
  echo "BIG Desk removed from $prefix"
  exit 0
fi

if [ ! -x "$bundle/$PROGRAM" ] || [ ! -d "$bundle/share" ]; then
  echo "install.sh: run me from the BIG Desk bundle folder (built by 'make package')" >&2
  exit 2
fi

# -- copy to a new folder, then swap, so a failed copy never leaves half a program
mkdir -p "$prefix/lib" "$prefix/bin"
rm -rf "$lib.new"
mkdir "$lib.new"
cp -R "$bundle/$PROGRAM" "$bundle/_internal" "$lib.new/"
rm -rf "$lib"
mv "$lib.new" "$lib"
ln -sfn "$lib/$PROGRAM" "$prefix/bin/$PROGRAM"

for file in $installed; do
  mkdir -p "$(dirname "$share/$file")"
  cp "$bundle/share/$file" "$share/$file"
done
mkdir -p "$share/icons"
cp -R "$bundle/share/icons/hicolor" "$share/icons/"

# -- a prefix other than ~/.local or /usr may not be on PATH: point the launcher at the program
desktop="$share/applications/$APP_ID.desktop"
sed -i.orig -e "s|^Exec=$PROGRAM |Exec=$lib/$PROGRAM |" -e "s|^TryExec=$PROGRAM\$|TryExec=$lib/$PROGRAM|" "$desktop"
rm -f "$desktop.orig"

refresh
echo "BIG Desk installed in $lib"
echo "Open it from your applications menu, or double-click a .bigdesk file."
