; Inno Setup script for BIG Desk on Windows (untested: see packaging/README.md).
;
; Build the bundle first on Windows (the icon is rendered into the work folder):
;   pyinstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\bigdesk.spec
; then compile this script:            iscc /DAppVersion=0.1.0 packaging\windows\bigdesk.iss
; The version comes from the package: pass it with /DAppVersion, for example from
;   python -c "import bigdesk; print(bigdesk.__version__)"
; The installer is written to dist\installer\.

#ifndef AppVersion
  #error Pass the version from bigdesk.__version__: iscc /DAppVersion=X.Y.Z bigdesk.iss
#endif

#define AppName "BIG Desk"
#define AppExe "bigdesk.exe"
#define ProgId "BIGDesk.Workshop"
#define Root "..\.."

[Setup]
; -- a fixed id lets later versions upgrade this installation in place
AppId={{7C1E6A52-3F0B-4C55-9E2B-2B5D6E1A4B10}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=The BIG Desk team
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; -- per-user install by default (no administrator needed); the dialog offers all users
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
LicenseFile={#Root}\LICENSE
SetupIconFile={#Root}\build\pyinstaller\icons\bigdesk.ico
UninstallDisplayIcon={app}\{#AppExe}
OutputDir={#Root}\dist\installer
OutputBaseFilename=BIG-Desk-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; -- the whole one-folder bundle: bigdesk.exe (windowed), bigdesk-cli.exe (console) and _internal
Source: "{#Root}\dist\bigdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; -- .bigdesk files open with BIG Desk and show its icon (per user or per machine, as installed)
Root: HKA; Subkey: "Software\Classes\.bigdesk"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.bigdesk"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-bigdesk"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.bigdesk\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "BIG Desk workshop"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".bigdesk"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
