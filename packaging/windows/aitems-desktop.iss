; Inno Setup 6 script: a per-user installer for the one-folder bundle (no administrator rights).
; packaging/build.py runs it on Windows, after PyInstaller, as
;   ISCC.exe /DAppVersion=0.1.0 /DBundleDir=<repo>\dist\aitems-desktop /DOutputDir=<repo>\dist
;            /DRepoRoot=<repo> packaging\windows\aitems-desktop.iss
; Output: <OutputDir>\aitems-desktop-<version>-setup.exe. Installs to
; %LOCALAPPDATA%\Programs\AiTEMS Desktop, adds a Start menu entry (and, if ticked, a desktop
; one) and registers an uninstaller under Settings > Apps.

#ifndef AppVersion
  #error Define AppVersion, BundleDir, OutputDir and RepoRoot (packaging/build.py does)
#endif
; x64compatible and the official Korean messages arrived in Inno Setup 6.3.
#if VER < EncodeVer(6,3,0)
  #error Inno Setup 6.3 or newer is required to compile this script
#endif

#define AppName "AiTEMS Desktop"
#define AppExe "aitems-desktop.exe"
#define CliExe "aitems.exe"

[Setup]
; The AppId ties upgrades and the uninstaller to one product: never change it.
AppId={{0BBF5303-F1BC-469B-AE9E-B0783D3F3010}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=aitems-desktop developers
; Per-user: with PrivilegesRequired=lowest, {autopf} is %LOCALAPPDATA%\Programs and
; {autoprograms} the user's own Start menu.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
OutputDir={#OutputDir}
OutputBaseFilename=aitems-desktop-{#AppVersion}-setup
SetupIconFile={#RepoRoot}\resources\icons\aitems-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
; Windows 10 version 1809 (build 17763) or newer: the oldest Windows 10 that Qt 6 and
; Python 3.11 still support.
MinVersion=10.0.17763
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; A running copy holds its DLLs open: offer to close it rather than fail half-way.
CloseApplications=yes
#ifdef Sign
; Set by packaging/windows_inno.py when a code-signing certificate is configured
; (WINDOWS_SIGN_THUMBPRINT): the setup and its uninstaller are signed with it.
SignTool=signtool
SignedUninstaller=yes
#endif

[Languages]
; The installer speaks the user's Windows language when it is Korean, else English.
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "korean"; MessagesFile: "compiler:Languages\Korean.isl"

[CustomMessages]
english.AppComment=Create and inspect NAVER Cloud AiTEMS recommendation services
korean.AppComment=NAVER Cloud Platform AiTEMS 추천 서비스를 생성하고 조회합니다

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the bundle whole: a DLL or plugin left over from an older Qt would be
; loaded next to the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
