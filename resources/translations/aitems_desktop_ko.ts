<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>A desktop tool for NAVER Cloud Platform AiTEMS: schemas, datasets, services, training and recommendation lookups, with your keys in the system keyring.</source>
        <translation>NAVER Cloud Platform AiTEMS용 데스크톱 도구입니다. 스키마, 데이터셋, 서비스, 학습과 추천 결과 조회를 다루며, API 인증키는 시스템 키링에 보관합니다.</translation>
    </message>
    <message>
        <source>Licensed under the Apache License 2.0.</source>
        <translation>Apache License 2.0에 따라 배포됩니다.</translation>
    </message>
    <message>
        <source>Third-party components</source>
        <translation>서드파티 구성 요소</translation>
    </message>
    <message>
        <source>Reading the licences…</source>
        <translation>라이선스를 읽는 중…</translation>
    </message>
    <message>
        <source>About</source>
        <translation>정보</translation>
    </message>
    <message>
        <source>Third-Party Licences</source>
        <translation>서드파티 라이선스</translation>
    </message>
    <message>
        <source>No licence files were found.</source>
        <translation>라이선스 파일을 찾을 수 없습니다.</translation>
    </message>
    <message>
        <source>The licences could not be read: {error}</source>
        <translation>라이선스를 읽을 수 없습니다: {error}</translation>
    </message>
</context>
<context>
    <name>ActivityDock</name>
    <message>
        <source>Activity</source>
        <translation>활동</translation>
    </message>
    <message>
        <source>Search calls (path, status, request id…)</source>
        <translation>호출 검색(경로, 상태, 요청 ID…)</translation>
    </message>
    <message>
        <source>Search the activity log</source>
        <translation>활동 로그 검색</translation>
    </message>
    <message>
        <source>Copy as c&amp;URL</source>
        <translation>cURL로 복사(&amp;U)</translation>
    </message>
    <message>
        <source>Only calls of the current profile can be signed again</source>
        <translation>현재 프로필의 호출만 다시 서명할 수 있습니다</translation>
    </message>
    <message>
        <source>Copy as &amp;JSON</source>
        <translation>JSON으로 복사(&amp;J)</translation>
    </message>
    <message>
        <source>Copy &amp;Request ID</source>
        <translation>요청 ID 복사(&amp;R)</translation>
    </message>
</context>
<context>
    <name>ActivityModel</name>
    <message>
        <source>Time</source>
        <extracomment>The most entries the panel holds; older ones stay in the files.</extracomment>
        <translation>시간</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>프로필</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>메서드</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>경로</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>소요 시간</translation>
    </message>
    <message>
        <source>Request ID</source>
        <translation>요청 ID</translation>
    </message>
    <message>
        <source>attempt {n}</source>
        <translation>{n}번째 시도</translation>
    </message>
</context>
<context>
    <name>AttachDatasetsDialog</name>
    <message>
        <source>Datasets of {name}</source>
        <translation>{name}의 데이터셋</translation>
    </message>
    <message>
        <source>A service learns from one dataset of each type. Only datasets that are ready for training are offered.</source>
        <translation>서비스는 유형별로 데이터셋 하나씩을 학습합니다. 학습 가능한 데이터셋만 표시됩니다.</translation>
    </message>
    <message>
        <source>No {kind} dataset is ready</source>
        <translation>학습 가능한 {kind} 데이터셋이 없습니다</translation>
    </message>
    <message>
        <source>Discard the datasets chosen?</source>
        <translation>선택한 데이터셋을 버리시겠습니까?</translation>
    </message>
    <message>
        <source>The datasets you chose have not been saved to the service.</source>
        <translation>선택한 데이터셋이 서비스에 저장되지 않았습니다.</translation>
    </message>
</context>
<context>
    <name>ConfirmAction</name>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
</context>
<context>
    <name>ConfirmDeleteDialog</name>
    <message>
        <source>Delete {what}</source>
        <translation>{what} 삭제</translation>
    </message>
    <message>
        <source>Delete the {what} &lt;b&gt;{name}&lt;/b&gt;? {consequence}</source>
        <translation>{what} &lt;b&gt;{name}&lt;/b&gt;을(를) 삭제하시겠습니까? {consequence}</translation>
    </message>
    <message>
        <source>Type &lt;b&gt;{name}&lt;/b&gt; to confirm:</source>
        <translation>확인하려면 &lt;b&gt;{name}&lt;/b&gt;을(를) 입력해 주십시오:</translation>
    </message>
    <message>
        <source>Name to confirm</source>
        <translation>확인할 이름</translation>
    </message>
</context>
<context>
    <name>ConnectionProblems</name>
    <message>
        <source>Not connected</source>
        <extracomment>File &gt; Credentials… (and the panel&apos;s button): open the Credentials dialog.</extracomment>
        <translation>연결되지 않음</translation>
    </message>
    <message>
        <source>The sandbox did not start</source>
        <translation>샌드박스를 시작하지 못했습니다</translation>
    </message>
    <message>
        <source>The log file has the details: {path}</source>
        <translation>자세한 내용은 로그 파일에 있습니다: {path}</translation>
    </message>
</context>
<context>
    <name>CredentialsController</name>
    <message>
        <source>Secret for this session only</source>
        <extracomment>Why the secret is kept for this session only (when it is). Nothing is configured and &quot;Try the sandbox&quot; was chosen before. The person chose &quot;Try the sandbox&quot; now, or did on an earlier first launch. A connection from a profile or the environment went to the window (or ``None``). The names of the profiles, read again after each resolve (for a profile switcher).</extracomment>
        <translation>Secret Key 이번 세션에만 사용</translation>
    </message>
    <message>
        <source>Reading credentials…</source>
        <translation>인증 정보를 읽는 중…</translation>
    </message>
    <message>
        <source>Secret key kept for this session only</source>
        <translation>Secret Key를 이번 세션에만 보관합니다</translation>
    </message>
    <message>
        <source>It is not written to disk; you will enter it again next time. Install or unlock a system keyring to keep it.</source>
        <translation>디스크에 기록하지 않으므로 다음에 다시 입력해야 합니다. 보관하려면 시스템 키링을 설치하거나 잠금 해제해 주십시오.</translation>
    </message>
    <message>
        <source>The sandbox, as chosen before</source>
        <translation>이전에 선택한 샌드박스</translation>
    </message>
    <message>
        <source>You chose to try the built-in sandbox when the app first started, so it starts there while no profile exists.</source>
        <translation>앱을 처음 시작할 때 내장 샌드박스를 선택했으므로, 프로필이 없는 동안에는 샌드박스로 시작합니다.</translation>
    </message>
    <message>
        <source>To use your NCP account, add a profile with its keys: the app then leaves the sandbox for it.</source>
        <translation>NCP 계정을 사용하려면 해당 키로 프로필을 추가해 주십시오. 그러면 앱이 샌드박스 대신 그 프로필을 사용합니다.</translation>
    </message>
    <message>
        <source>The choice could not be saved: {message}</source>
        <translation>선택을 저장하지 못했습니다: {message}</translation>
    </message>
</context>
<context>
    <name>CredentialsDialog</name>
    <message>
        <source>Credentials</source>
        <translation>인증 정보</translation>
    </message>
    <message>
        <source>Add a profile with the access key and secret key of your NCP account (in the NCP console: My Account &gt; 계정 및 보안 관리, log in again, then 보안 관리 &gt; 접근 관리 &gt; API 인증키 관리). No account? Try the sandbox: a local AiTEMS that behaves like the real one.</source>
        <extracomment>The profiles as a worker last read them; the GUI thread never reads the file. Without a usable keyring, the profiles whose secret this session holds; None while the keyring keeps them (or before the keyring check has answered).</extracomment>
        <translation>NCP 계정의 Access Key와 Secret Key로 프로필을 추가해 주십시오(NCP 콘솔: My Account &gt; 계정 및 보안 관리에서 다시 로그인한 뒤 보안 관리 &gt; 접근 관리 &gt; API 인증키 관리). 계정이 없다면 샌드박스를 사용해 보십시오. 실제 AiTEMS처럼 동작하는 로컬 AiTEMS입니다.</translation>
    </message>
    <message>
        <source>Try the sand&amp;box</source>
        <translation>샌드박스 사용(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>추가(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>이름 변경(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>삭제(&amp;D)…</translation>
    </message>
    <message>
        <source>Use as de&amp;fault</source>
        <translation>기본값으로 사용(&amp;F)</translation>
    </message>
    <message>
        <source>Sa&amp;ve</source>
        <translation>저장(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>연결 테스트(&amp;T)</translation>
    </message>
    <message>
        <source>Discard changes?</source>
        <translation>변경 사항을 버리시겠습니까?</translation>
    </message>
    <message>
        <source>The changes to this profile have not been saved.</source>
        <translation>이 프로필의 변경 사항이 저장되지 않았습니다.</translation>
    </message>
    <message>
        <source>Unexpected error (%1).</source>
        <translation>예상하지 못한 오류입니다(%1).</translation>
    </message>
    <message>
        <source>%1 (default)</source>
        <translation>%1 (기본값)</translation>
    </message>
    <message>
        <source>Enter the secret key for the new profile.</source>
        <translation>새 프로필의 Secret Key를 입력해 주십시오.</translation>
    </message>
    <message>
        <source>Enter the secret key again: without a keyring it is not kept after the app closes.</source>
        <translation>Secret Key를 다시 입력해 주십시오. 키링이 없으면 앱을 닫은 뒤에는 보관되지 않습니다.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>저장하는 중…</translation>
    </message>
    <message>
        <source>Saved. The secret key is kept for this session only (no usable keyring).</source>
        <translation>저장했습니다. 사용할 수 있는 키링이 없어 Secret Key는 이번 세션에만 보관합니다.</translation>
    </message>
    <message>
        <source>Saved. The secret key is in %1.</source>
        <translation>저장했습니다. Secret Key는 %1에 있습니다.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>저장했습니다.</translation>
    </message>
    <message>
        <source>Rename profile</source>
        <translation>프로필 이름 변경</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>새 이름:</translation>
    </message>
    <message>
        <source>Renamed to “%1”.</source>
        <translation>“%1”(으)로 이름을 변경했습니다.</translation>
    </message>
    <message>
        <source>Delete profile</source>
        <translation>프로필 삭제</translation>
    </message>
    <message>
        <source>Delete profile “%1” and its secret key?</source>
        <translation>프로필 “%1”과(와) Secret Key를 삭제하시겠습니까?</translation>
    </message>
    <message>
        <source>Deleted “%1”.</source>
        <translation>“%1”을(를) 삭제했습니다.</translation>
    </message>
    <message>
        <source>“%1” is now the default profile.</source>
        <translation>이제 “%1”이(가) 기본 프로필입니다.</translation>
    </message>
    <message>
        <source>Enter the secret key to test the connection.</source>
        <translation>연결을 테스트하려면 Secret Key를 입력해 주십시오.</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>연결을 테스트하는 중…</translation>
    </message>
    <message>
        <source>Connection works: %1 accepted the keys.</source>
        <translation>연결되었습니다. %1에서 인증키를 수락했습니다.</translation>
    </message>
</context>
<context>
    <name>DataActions</name>
    <message>
        <source>Edit Dataset Description</source>
        <translation>데이터셋 설명 수정</translation>
    </message>
    <message>
        <source>Edit Schema Description</source>
        <translation>스키마 설명 수정</translation>
    </message>
    <message>
        <source>dataset</source>
        <translation>데이터셋</translation>
    </message>
    <message>
        <source>The file in Object Storage stays. A dataset a service uses cannot be deleted.</source>
        <translation>Object Storage의 파일은 그대로 남습니다. 서비스에서 사용 중인 데이터셋은 삭제할 수 없습니다.</translation>
    </message>
    <message>
        <source>schema</source>
        <translation>스키마</translation>
    </message>
    <message>
        <source>A schema a dataset uses cannot be deleted.</source>
        <translation>데이터셋에서 사용 중인 스키마는 삭제할 수 없습니다.</translation>
    </message>
    <message>
        <source>Deleted {name}</source>
        <translation>{name}을(를) 삭제했습니다</translation>
    </message>
</context>
<context>
    <name>DatasetWizard</name>
    <message>
        <source>The file</source>
        <extracomment>How often the wizard reads a dataset in a passing state after creating it.</extracomment>
        <translation>파일</translation>
    </message>
    <message>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>찾아보기(&amp;W)…</translation>
    </message>
    <message>
        <source>Dataset type</source>
        <translation>데이터셋 유형</translation>
    </message>
    <message>
        <source>Schema</source>
        <translation>스키마</translation>
    </message>
    <message>
        <source>User file (optional):</source>
        <translation>user 파일(선택):</translation>
    </message>
    <message>
        <source>Item file (optional):</source>
        <translation>item 파일(선택):</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>파일(&amp;F):</translation>
    </message>
    <message>
        <source>Dataset &amp;type:</source>
        <translation>데이터셋 유형(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Schema:</source>
        <translation>스키마(&amp;S):</translation>
    </message>
    <message>
        <source>Choose the Dataset File</source>
        <translation>데이터셋 파일 선택</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.csv.gz);;All files (*)</source>
        <translation>CSV 파일 (*.csv *.csv.gz);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>There is no {type} schema yet: create one first (Schema &gt; New Schema).</source>
        <translation>{type} 스키마가 아직 없습니다. 먼저 스키마를 생성해 주십시오(스키마 &gt; 새 스키마).</translation>
    </message>
    <message>
        <source>Check the file</source>
        <translation>파일 검사</translation>
    </message>
    <message>
        <source>The file is checked on this computer; nothing is sent yet.</source>
        <translation>파일은 이 컴퓨터에서 검사하며, 아직 아무것도 전송하지 않습니다.</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>행</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>열</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>필드</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>문제</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>&amp;Stop Checking</source>
        <translation>검사 중지(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Copy Report</source>
        <translation>보고서 복사(&amp;C)</translation>
    </message>
    <message>
        <source>Check &amp;Again</source>
        <translation>다시 검사(&amp;A)</translation>
    </message>
    <message>
        <source>Checking {name}…</source>
        <translation>{name}을(를) 검사하는 중…</translation>
    </message>
    <message>
        <source>The check was stopped.</source>
        <translation>검사를 중지했습니다.</translation>
    </message>
    <message>
        <source>The file matches the schema.</source>
        <translation>파일이 스키마와 일치합니다.</translation>
    </message>
    <message>
        <source>AiTEMS would refuse this file.</source>
        <translation>AiTEMS에서 이 파일을 거부합니다.</translation>
    </message>
    <message>
        <source>{rows} rows, {errors} errors, {warnings} warnings.</source>
        <translation>{rows}행, 오류 {errors}개, 경고 {warnings}개.</translation>
    </message>
    <message>
        <source>The first {listed} of {total} problems are listed.</source>
        <translation>문제 {total}개 중 처음 {listed}개를 표시합니다.</translation>
    </message>
    <message>
        <source>The file could not be checked: {error}</source>
        <translation>파일을 검사할 수 없습니다: {error}</translation>
    </message>
    <message>
        <source>Object Storage</source>
        <translation>Object Storage</translation>
    </message>
    <message>
        <source>AiTEMS reads the dataset from NCP Object Storage. Choose where the file goes.</source>
        <translation>AiTEMS는 NCP Object Storage에서 데이터셋을 읽습니다. 파일을 저장할 위치를 선택해 주십시오.</translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation>버킷</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>폴더</translation>
    </message>
    <message>
        <source>Object key</source>
        <translation>경로(Prefix)</translation>
    </message>
    <message>
        <source>Upload the file &amp;to this key</source>
        <translation>이 경로에 파일 업로드(&amp;T)</translation>
    </message>
    <message>
        <source>Bu&amp;cket:</source>
        <translation>버킷 이름(&amp;C):</translation>
    </message>
    <message>
        <source>The file is &amp;already at this key</source>
        <translation>파일이 이미 이 경로에 있음(&amp;A)</translation>
    </message>
    <message>
        <source>Choose the csv or csv.gz file, the dataset type and the schema.</source>
        <translation>csv 또는 csv.gz 파일, 데이터셋 유형, 스키마를 선택해 주십시오.</translation>
    </message>
    <message>
        <source>The file&apos;s columns must match the schema&apos;s fields in name, order and case.</source>
        <translation>파일의 필드는 이름, 순서, 대소문자가 스키마 필드와 일치해야 합니다.</translation>
    </message>
    <message>
        <source>&amp;Upload</source>
        <translation>업로드(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Stop Upload</source>
        <translation>업로드 중지(&amp;S)</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>폴더:</translation>
    </message>
    <message>
        <source>Object &amp;key:</source>
        <translation>경로(Prefix)(&amp;K):</translation>
    </message>
    <message>
        <source>Reading the buckets…</source>
        <translation>버킷 목록을 읽는 중…</translation>
    </message>
    <message>
        <source>There is no bucket: create one in the NCP console first.</source>
        <translation>버킷이 없습니다. 먼저 NCP 콘솔에서 버킷을 생성해 주십시오.</translation>
    </message>
    <message>
        <source>.. (up)</source>
        <translation>.. (상위 폴더)</translation>
    </message>
    <message>
        <source>Choose a bucket and a key first.</source>
        <translation>먼저 버킷과 경로를 선택해 주십시오.</translation>
    </message>
    <message>
        <source>Uploading to {bucket}/{key}…</source>
        <translation>{bucket}/{key}에 업로드하는 중…</translation>
    </message>
    <message>
        <source>Stopping the upload…</source>
        <translation>업로드를 중지하는 중…</translation>
    </message>
    <message>
        <source>The upload was stopped; nothing is left half-uploaded.</source>
        <translation>업로드를 중지했습니다. 일부만 업로드된 파일은 남아 있지 않습니다.</translation>
    </message>
    <message>
        <source>Uploaded {size} to {bucket}/{key}.</source>
        <translation>{bucket}/{key}에 {size}를 업로드했습니다.</translation>
    </message>
    <message>
        <source>The dataset</source>
        <translation>데이터셋</translation>
    </message>
    <message>
        <source>Name the dataset; Create asks AiTEMS to read the file.</source>
        <translation>데이터셋 이름을 입력해 주십시오. 생성하면 AiTEMS가 파일을 읽습니다.</translation>
    </message>
    <message>
        <source>C&amp;reate Dataset</source>
        <translation>데이터셋 생성(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>이름(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>설명(&amp;D):</translation>
    </message>
    <message>
        <source>Dataset type: {type}. Schema: {schema}. Data file: {bucket}/{key} (region KR).</source>
        <translation>데이터셋 타입: {type}. 스키마: {schema}. 데이터 파일: {bucket}/{key}(리전 KR).</translation>
    </message>
    <message>
        <source>3 to 20 letters, digits, _ or -, starting with a letter.</source>
        <translation>영문자, 숫자, 특수 문자 &apos;_&apos;, &apos;-&apos;를 조합하여 3~20자 이내로 입력하며, 영문자로 시작해야 합니다.</translation>
    </message>
    <message>
        <source>The NCP console asks for at least 5 characters; the API takes 3.</source>
        <translation>NCP 콘솔은 5자 이상을 요구하지만 API는 3자부터 허용합니다.</translation>
    </message>
    <message>
        <source>Creating {name}…</source>
        <translation>{name}을(를) 생성하는 중…</translation>
    </message>
    <message>
        <source>{name} is ready for training ({status}).</source>
        <translation>{name}을(를) 학습할 수 있습니다({status}).</translation>
    </message>
    <message>
        <source>AiTEMS could not read the file ({status}). Check that the object exists and matches the schema, then create the dataset again.</source>
        <translation>AiTEMS에서 파일을 읽지 못했습니다({status}). 파일이 있는지, 스키마와 일치하는지 확인한 후 데이터셋을 다시 생성해 주십시오.</translation>
    </message>
    <message>
        <source>{name}: {status}. AiTEMS is reading the file…</source>
        <translation>{name}: {status}. AiTEMS가 파일을 읽는 중…</translation>
    </message>
    <message>
        <source>New Dataset from a CSV File</source>
        <translation>CSV 파일로 새 데이터셋 생성</translation>
    </message>
</context>
<context>
    <name>DescriptionDialog</name>
    <message>
        <source>Description</source>
        <translation>설명</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>설명(&amp;D):</translation>
    </message>
</context>
<context>
    <name>DetailsPane</name>
    <message>
        <source>Select a service, dataset or schema to see its details here.</source>
        <extracomment>The person asked to read the shown resource again.</extracomment>
        <translation>서비스, 데이터셋 또는 스키마를 선택하면 여기에 상세 정보가 표시됩니다.</translation>
    </message>
</context>
<context>
    <name>DetailsTree</name>
    <message>
        <source>on</source>
        <translation>사용</translation>
    </message>
    <message>
        <source>off</source>
        <translation>사용 안 함</translation>
    </message>
    <message>
        <source>{key}: {minimum} to {maximum}, default {default}</source>
        <translation>{key}: {minimum}~{maximum}(기본값: {default})</translation>
    </message>
    <message>
        <source>version {v}</source>
        <translation>버전 {v}</translation>
    </message>
    <message>
        <source>{n} rows</source>
        <translation>{n}건</translation>
    </message>
    <message>
        <source>{types} · categorical</source>
        <translation>{types} · 범주형</translation>
    </message>
    <message>
        <source>Service ID</source>
        <translation>서비스 ID</translation>
    </message>
    <message>
        <source>Dataset ID</source>
        <translation>데이터셋 ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>설명</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>유형</translation>
    </message>
    <message>
        <source>Dataset type</source>
        <translation>데이터셋 유형</translation>
    </message>
    <message>
        <source>Schema</source>
        <translation>스키마</translation>
    </message>
    <message>
        <source>Update cycle</source>
        <translation>업데이트 주기</translation>
    </message>
    <message>
        <source>Scheduled update</source>
        <translation>업데이트 예약 시간</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>생성 일시</translation>
    </message>
    <message>
        <source>Last update</source>
        <translation>최종 업데이트 일시</translation>
    </message>
    <message>
        <source>Datasets</source>
        <translation>데이터셋</translation>
    </message>
    <message>
        <source>HPO settings</source>
        <translation>HPO 설정</translation>
    </message>
    <message>
        <source>Training results</source>
        <translation>학습 결과</translation>
    </message>
    <message>
        <source>Object Storage</source>
        <translation>Object Storage</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>리전</translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation>버킷</translation>
    </message>
    <message>
        <source>Path (key)</source>
        <translation>경로(Prefix)</translation>
    </message>
    <message>
        <source>Used by services</source>
        <translation>사용 중인 서비스</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>필드</translation>
    </message>
    <message>
        <source>Categorical</source>
        <translation>범주형</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>버전</translation>
    </message>
    <message>
        <source>Results available</source>
        <translation>추론 결과 여부</translation>
    </message>
    <message>
        <source>Training version</source>
        <translation>학습 버전</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>건수</translation>
    </message>
    <message>
        <source>&amp;Copy Value</source>
        <extracomment>Rows measured when the label column is sized to its contents.</extracomment>
        <translation>값 복사(&amp;C)</translation>
    </message>
    <message>
        <source>Copy Field &amp;Name</source>
        <translation>필드 이름 복사(&amp;N)</translation>
    </message>
    <message>
        <source>Copy as &amp;JSON</source>
        <translation>JSON으로 복사(&amp;J)</translation>
    </message>
    <message>
        <source>Expand All</source>
        <translation>모두 펼치기</translation>
    </message>
    <message>
        <source>Collapse All</source>
        <translation>모두 접기</translation>
    </message>
</context>
<context>
    <name>DetailsTreeModel</name>
    <message>
        <source>Field</source>
        <extracomment>The node&apos;s raw JSON value, held in a :class:`RawValue` (read it with :func:`raw_at`).</extracomment>
        <translation>필드</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>값</translation>
    </message>
</context>
<context>
    <name>DiscardChanges</name>
    <message>
        <source>Discard changes?</source>
        <translation>변경 사항을 버리시겠습니까?</translation>
    </message>
    <message>
        <source>What you typed will be lost.</source>
        <translation>입력한 내용이 사라집니다.</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>버리기</translation>
    </message>
    <message>
        <source>Keep Editing</source>
        <translation>계속 편집</translation>
    </message>
</context>
<context>
    <name>EditServiceDialog</name>
    <message>
        <source>Edit Service</source>
        <translation>서비스 수정</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>이름(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>설명(&amp;D):</translation>
    </message>
</context>
<context>
    <name>ErrorPanel</name>
    <message>
        <source>Open existing service</source>
        <extracomment>The report is about the keys or the profile: its button opens the Credentials dialog.</extracomment>
        <translation>기존 서비스 열기</translation>
    </message>
    <message>
        <source>Open C&amp;redentials…</source>
        <translation>인증 정보 열기(&amp;R)…</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>상세 정보 복사</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>HTTP {status}</source>
        <translation>HTTP {status}</translation>
    </message>
    <message>
        <source>request id {id}</source>
        <translation>요청 ID {id}</translation>
    </message>
    <message>
        <source>Details: {details}</source>
        <translation>상세: {details}</translation>
    </message>
</context>
<context>
    <name>ErrorReport</name>
    <message>
        <source>HTTP {status}</source>
        <extracomment>A service with this name exists: offer to show it (list, then get). The create may have reached the server: look it up by name before a retry. The keys, the profile or its settings are the problem: offer the Credentials dialog. The service name the action is about (duplicate or ambiguous create). No complete answer came (a NetworkError): the error says itself whether a request left this machine, so a lookup that finds nothing proves nothing was created.</extracomment>
        <translation>HTTP {status}</translation>
    </message>
    <message>
        <source>request id: {id}</source>
        <translation>요청 ID: {id}</translation>
    </message>
    <message>
        <source>details: {details}</source>
        <translation>상세: {details}</translation>
    </message>
    <message>
        <source>gateway error code {code}</source>
        <translation>API Gateway 오류 코드 {code}</translation>
    </message>
    <message>
        <source>error code {code}</source>
        <translation>오류 코드 {code}</translation>
    </message>
    <message>
        <source>Authentication failed</source>
        <translation>인증 불가</translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation>권한 없음</translation>
    </message>
    <message>
        <source>Forbidden</source>
        <translation>접근 금지</translation>
    </message>
    <message>
        <source>The request is too large</source>
        <translation>요청이 너무 큽니다</translation>
    </message>
    <message>
        <source>The server&apos;s certificate was not accepted</source>
        <translation>서버 인증서를 신뢰할 수 없습니다</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>리소스를 찾을 수 없음</translation>
    </message>
    <message>
        <source>Too many requests</source>
        <translation>요청이 너무 많습니다</translation>
    </message>
    <message>
        <source>The service had a problem</source>
        <translation>서버 오류</translation>
    </message>
    <message>
        <source>That name is taken</source>
        <translation>이미 사용 중인 이름입니다</translation>
    </message>
    <message>
        <source>The request was rejected</source>
        <translation>잘못된 요청</translation>
    </message>
    <message>
        <source>Could not reach the service</source>
        <translation>서비스에 연결할 수 없습니다</translation>
    </message>
    <message>
        <source>The answer could not be read</source>
        <translation>응답을 읽을 수 없습니다</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <source>The input is not valid</source>
        <translation>입력값이 올바르지 않습니다</translation>
    </message>
    <message>
        <source>Not possible now</source>
        <translation>지금은 할 수 없습니다</translation>
    </message>
    <message>
        <source>The outcome is unknown</source>
        <translation>결과를 알 수 없습니다</translation>
    </message>
    <message>
        <source>The service returned an error</source>
        <translation>서비스에서 오류를 반환했습니다</translation>
    </message>
    <message>
        <source>The keyring did not answer</source>
        <translation>키링이 응답하지 않았습니다</translation>
    </message>
    <message>
        <source>The secret key could not be read or saved</source>
        <translation>Secret Key를 읽거나 저장하지 못했습니다</translation>
    </message>
    <message>
        <source>Profile not found</source>
        <translation>프로필을 찾을 수 없음</translation>
    </message>
    <message>
        <source>The profiles could not be read or saved</source>
        <translation>프로필을 읽거나 저장하지 못했습니다</translation>
    </message>
    <message>
        <source>The file could not be read</source>
        <translation>파일을 읽을 수 없습니다</translation>
    </message>
    <message>
        <source>Object Storage returned an error</source>
        <translation>Object Storage에서 오류를 반환했습니다</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>문제가 발생했습니다</translation>
    </message>
    <message>
        <source>The NCP API Gateway did not accept the access key and secret key of this profile.</source>
        <translation>NCP API Gateway가 이 프로필의 Access Key와 Secret Key를 받아들이지 않았습니다.</translation>
    </message>
    <message>
        <source>The NCP API Gateway refused this request for this account.</source>
        <translation>NCP API Gateway가 이 계정의 이 요청을 거부했습니다.</translation>
    </message>
    <message>
        <source>This is a bug in aitems-desktop. The log file has the details.</source>
        <translation>aitems-desktop의 버그입니다. 로그 파일에 상세 내용이 있습니다.</translation>
    </message>
    <message>
        <source>Too many requests for now. Try again in {s:g} seconds.</source>
        <translation>지금은 요청이 너무 많습니다. {s:g}초 후에 다시 시도해 주십시오.</translation>
    </message>
    <message>
        <source>The request may have reached the service, so the service may have been created. Checking by name before you try again…</source>
        <translation>요청이 서비스에 도달했을 수 있으므로 서비스가 생성되었을 수 있습니다. 다시 시도하기 전에 이름으로 확인하는 중…</translation>
    </message>
    <message>
        <source>The request never reached the service: nothing was created.</source>
        <translation>요청이 서비스에 도달하지 않았습니다. 아무것도 생성되지 않았습니다.</translation>
    </message>
    <message>
        <source>The service may have been created anyway: checking by name…</source>
        <translation>서비스가 생성되었을 수 있습니다. 이름으로 확인하는 중…</translation>
    </message>
</context>
<context>
    <name>ExceptionDialog</name>
    <message>
        <source>Unexpected error — AiTEMS Desktop</source>
        <translation>예상하지 못한 오류 — AiTEMS Desktop</translation>
    </message>
    <message>
        <source>Something went wrong that aitems-desktop did not expect. Your work in the form is kept. Please report this text.</source>
        <translation>aitems-desktop에서 예상하지 못한 문제가 발생했습니다. 입력하던 내용은 유지됩니다. 이 내용을 보고해 주십시오.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <source>Log file: {path}</source>
        <translation>로그 파일: {path}</translation>
    </message>
</context>
<context>
    <name>HpoEditor</name>
    <message>
        <source>{key}: {minimum} to {maximum}, default {default}</source>
        <translation>{key}: {minimum}~{maximum}(기본값: {default})</translation>
    </message>
    <message>
        <source>Hyperparameter optimization (HPO)</source>
        <translation>HPO (Hyperparameter Optimization)</translation>
    </message>
    <message>
        <source>Tune the model with HPO</source>
        <translation>HPO 설정</translation>
    </message>
    <message>
        <source>Off: AiTEMS trains with its own algorithm and settings.</source>
        <translation>HPO 설정 안 함: AiTEMS 내부의 자체 알고리즘으로 학습합니다.</translation>
    </message>
    <message>
        <source>No option tunes the chosen training types.</source>
        <translation>선택한 학습 요청 타입에 적용되는 HPO 값이 없습니다.</translation>
    </message>
    <message>
        <source>Only the options that tune the chosen types are sent.</source>
        <translation>선택한 학습 요청 타입에 적용되는 HPO 값만 전송합니다.</translation>
    </message>
</context>
<context>
    <name>KeyringNotice</name>
    <message>
        <source>Looking for the system keyring…</source>
        <translation>시스템 키링을 찾는 중…</translation>
    </message>
    <message>
        <source>Secret keys are kept in %1.</source>
        <translation>Secret Key는 %1에 보관합니다.</translation>
    </message>
    <message>
        <source>No usable keyring: secret keys are kept in memory for this session only and are never written to disk. %1</source>
        <translation>사용할 수 있는 키링이 없습니다. Secret Key는 이번 세션 동안 메모리에만 보관하며 디스크에 기록하지 않습니다. %1</translation>
    </message>
    <message>
        <source>Keyring in use: %1</source>
        <translation>사용 중인 키링: %1</translation>
    </message>
</context>
<context>
    <name>LookupPanel</name>
    <message>
        <source>Rank</source>
        <extracomment>The results went to the clipboard: a line for the window&apos;s status bar.</extracomment>
        <translation>순위</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>유형(&amp;Y):</translation>
    </message>
    <message>
        <source>&amp;Target ID:</source>
        <translation>대상 ID(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Look Up</source>
        <translation>조회(&amp;L)</translation>
    </message>
    <message>
        <source>Copy as &amp;JSON</source>
        <translation>JSON으로 복사(&amp;J)</translation>
    </message>
    <message>
        <source>Recommendation type</source>
        <translation>추천 타입</translation>
    </message>
    <message>
        <source>a {field} from your data</source>
        <translation>데이터의 {field}</translation>
    </message>
    <message>
        <source>any id (popular items ignore it)</source>
        <translation>임의의 ID(인기 아이템 추천은 무시함)</translation>
    </message>
    <message>
        <source>Target ID</source>
        <translation>대상 ID</translation>
    </message>
    <message>
        <source>Enter the id to look up.</source>
        <translation>조회할 ID를 입력해 주십시오.</translation>
    </message>
    <message>
        <source>Looking up…</source>
        <translation>조회하는 중…</translation>
    </message>
    <message>
        <source>{n} results ({field})</source>
        <translation>결과 {n}건({field})</translation>
    </message>
    <message>
        <source>No results for this id.</source>
        <translation>이 ID에 대한 결과가 없습니다.</translation>
    </message>
    <message>
        <source>Copied the results as JSON</source>
        <translation>결과를 JSON으로 복사했습니다</translation>
    </message>
</context>
<context>
    <name>Navigator</name>
    <message>
        <source>Services ({n})</source>
        <extracomment>Rows measured when a column is sized to its contents. The content widths last applied: a column the person resized keeps its width until what it holds needs another. Over an empty list: why it is empty (&quot;No services match …&quot;). The person wants to go back to the list; True: to pick a row in it (Down). The selected resource changed: (kind, id); id is &quot;&quot; when nothing is selected. A resource was opened (Enter or double-click): (kind, id). The list of another kind is on screen. A context menu was asked for at a global position: (kind, id, position). The selection last announced, so that a row&apos;s selection and its becoming current (two signals of Qt) are told once.</extracomment>
        <translation>서비스({n})</translation>
    </message>
    <message>
        <source>Datasets ({n})</source>
        <translation>데이터셋({n})</translation>
    </message>
    <message>
        <source>Schemas ({n})</source>
        <translation>스키마({n})</translation>
    </message>
    <message>
        <source>Services ({shown} of {n})</source>
        <translation>서비스({n}개 중 {shown}개)</translation>
    </message>
    <message>
        <source>Datasets ({shown} of {n})</source>
        <translation>데이터셋({n}개 중 {shown}개)</translation>
    </message>
    <message>
        <source>Schemas ({shown} of {n})</source>
        <translation>스키마({n}개 중 {shown}개)</translation>
    </message>
    <message>
        <source>Filter (Ctrl+F)</source>
        <translation>필터(Ctrl+F)</translation>
    </message>
    <message>
        <source>Filter the list</source>
        <translation>목록 필터</translation>
    </message>
    <message>
        <source>No services match “{text}”</source>
        <translation>“{text}”에 해당하는 서비스가 없습니다</translation>
    </message>
    <message>
        <source>No datasets match “{text}”</source>
        <translation>“{text}”에 해당하는 데이터셋이 없습니다</translation>
    </message>
    <message>
        <source>No schemas match “{text}”</source>
        <translation>“{text}”에 해당하는 스키마가 없습니다</translation>
    </message>
</context>
<context>
    <name>NewServiceDialog</name>
    <message>
        <source>New Service</source>
        <extracomment>(service, outcome) with outcome &quot;created&quot;, &quot;recovered&quot; or &quot;already_existed&quot;. The person asked to see an existing service with the name: (name). A create failed; the report is on screen above the form, as typed: (ErrorReport).</extracomment>
        <translation>새 서비스</translation>
    </message>
    <message>
        <source>A create is already running.</source>
        <translation>이미 생성 중입니다.</translation>
    </message>
    <message>
        <source>Creating {name}…</source>
        <translation>{name}을(를) 생성하는 중…</translation>
    </message>
    <message>
        <source>Could not check whether the service was created</source>
        <translation>서비스가 생성되었는지 확인하지 못했습니다</translation>
    </message>
    <message>
        <source>The request to create {name} may have reached the service, and looking for it failed too. Open the service by name before creating it again.</source>
        <translation>{name} 생성 요청이 서비스에 도달했을 수 있으며, 확인을 위한 조회도 실패했습니다. 다시 생성하기 전에 이름으로 서비스를 여세요.</translation>
    </message>
    <message>
        <source>Nothing was created: it is safe to try again.</source>
        <translation>아무것도 생성되지 않았습니다. 다시 시도해도 안전합니다.</translation>
    </message>
    <message>
        <source>The request may have reached the service before the cancel. Refresh the list to see whether {name} exists; creating it again is safe: an existing service with these same settings is found, not made twice.</source>
        <translation>취소하기 전에 요청이 서비스에 도달했을 수 있습니다. 목록을 새로 고쳐 {name}이(가) 있는지 확인해 주십시오. 다시 생성해도 안전합니다. 같은 설정의 기존 서비스를 찾으며, 두 번 생성하지 않습니다.</translation>
    </message>
    <message>
        <source>Stopped waiting</source>
        <translation>대기를 중지했습니다</translation>
    </message>
    <message>
        <source>The request to create {name} may already have reached the service.</source>
        <translation>{name} 생성 요청이 이미 서비스에 도달했을 수 있습니다.</translation>
    </message>
    <message>
        <source>Refresh the list to check. Creating it again is safe: an existing service with these same settings is found, not made twice.</source>
        <translation>목록을 새로 고쳐 확인해 주십시오. 다시 생성해도 안전합니다. 같은 설정의 기존 서비스를 찾으며, 두 번 생성하지 않습니다.</translation>
    </message>
    <message>
        <source>Discard the new service?</source>
        <translation>새 서비스를 버리시겠습니까?</translation>
    </message>
    <message>
        <source>What you typed for the new service will be lost.</source>
        <translation>새 서비스에 입력한 내용이 사라집니다.</translation>
    </message>
</context>
<context>
    <name>Preferences</name>
    <message>
        <source>System language ({language})</source>
        <extracomment>Every language the app speaks, with its name written in that language. The settings key; an empty value (or none) follows the system.</extracomment>
        <translation>시스템 언어({language})</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>환경 설정</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <extracomment>The thread writing the choice, when OK was pressed with a new one.</extracomment>
        <translation>언어(&amp;L):</translation>
    </message>
    <message>
        <source>The new language shows when AiTEMS Desktop starts again.</source>
        <translation>새 언어는 AiTEMS Desktop을 다시 시작하면 적용됩니다.</translation>
    </message>
</context>
<context>
    <name>ProfileForm</name>
    <message>
        <source>none (e.g. http://proxy.example:3128)</source>
        <translation>없음(예: http://proxy.example:3128)</translation>
    </message>
    <message>
        <source>system certificates</source>
        <translation>시스템 인증서</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>Profile &amp;name:</source>
        <translation>프로필 이름(&amp;N):</translation>
    </message>
    <message>
        <source>Access &amp;key:</source>
        <translation>Access Key(&amp;K):</translation>
    </message>
    <message>
        <source>&amp;Secret key:</source>
        <translation>Secret Key(&amp;S):</translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation>엔드포인트(&amp;E):</translation>
    </message>
    <message>
        <source>&amp;Proxy:</source>
        <translation>프록시(&amp;P):</translation>
    </message>
    <message>
        <source>CA bundle:</source>
        <translation>CA 번들:</translation>
    </message>
    <message>
        <source>Connect timeout:</source>
        <translation>연결 제한 시간:</translation>
    </message>
    <message>
        <source>Read timeout:</source>
        <translation>읽기 제한 시간:</translation>
    </message>
    <message>
        <source> s</source>
        <translation>초</translation>
    </message>
    <message>
        <source>CA bundle</source>
        <translation>CA 번들</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt);;All files (*)</source>
        <translation>인증서 (*.pem *.crt);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>stored; type a new one to replace it</source>
        <translation>저장되어 있습니다. 바꾸려면 새 값을 입력해 주십시오</translation>
    </message>
    <message>
        <source>not kept since the app was closed (no keyring): enter it again</source>
        <translation>키링이 없어 앱을 닫은 뒤 보관되지 않았습니다. 다시 입력해 주십시오</translation>
    </message>
    <message>
        <source>Give the profile a name: at most %1 characters, no space at either end.</source>
        <translation>프로필 이름을 입력해 주십시오. 최대 %1자이며 앞뒤에 공백을 둘 수 없습니다.</translation>
    </message>
    <message>
        <source>Enter the access key: one word, as the NCP console shows it.</source>
        <translation>Access Key를 NCP 콘솔에 표시된 그대로 공백 없이 입력해 주십시오.</translation>
    </message>
    <message>
        <source>The endpoint is a web address starting with https:// or http://.</source>
        <translation>엔드포인트는 https:// 또는 http://로 시작하는 웹 주소입니다.</translation>
    </message>
    <message>
        <source>The proxy is an address starting with http://, https://, socks5:// or socks5h://, or nothing.</source>
        <translation>프록시는 http://, https://, socks5:// 또는 socks5h://로 시작하는 주소이거나 비워 둡니다.</translation>
    </message>
    <message>
        <source>Check the CA bundle and the timeouts.</source>
        <translation>CA 번들과 제한 시간을 확인해 주십시오.</translation>
    </message>
    <message>
        <source>the secret key that goes with the access key</source>
        <translation>Access Key와 한 쌍인 Secret Key</translation>
    </message>
</context>
<context>
    <name>ResourceListModel</name>
    <message>
        <source>Name</source>
        <extracomment>The raw value behind a cell, for tests and for whoever needs the API&apos;s own value. The resource id of the row.</extracomment>
        <translation>이름</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>유형</translation>
    </message>
    <message>
        <source>Last update</source>
        <translation>최종 업데이트 일시</translation>
    </message>
    <message>
        <source>Dataset type</source>
        <translation>데이터셋 유형</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>생성 일시</translation>
    </message>
    <message>
        <source>The service list does not say a service&apos;s type; it shows here once the service has been opened.</source>
        <translation>서비스 목록 조회 결과에는 서비스 타입이 없습니다. 서비스를 한 번 열면 여기에 표시됩니다.</translation>
    </message>
</context>
<context>
    <name>ResourcePage</name>
    <message>
        <source>Overview</source>
        <translation>개요</translation>
    </message>
</context>
<context>
    <name>SandboxLauncher</name>
    <message>
        <source>sandbox</source>
        <translation>샌드박스</translation>
    </message>
    <message>
        <source>built-in, demo data</source>
        <translation>내장, 데모 데이터</translation>
    </message>
</context>
<context>
    <name>SchemaEditor</name>
    <message>
        <source>Letters, digits and _</source>
        <extracomment>The type columns, in the order the table shows them.</extracomment>
        <translation>영문자, 숫자, &apos;_&apos;</translation>
    </message>
    <message>
        <source>Field name</source>
        <translation>필드 이름</translation>
    </message>
    <message>
        <source>null (nullable)</source>
        <translation>null (NULL 허용)</translation>
    </message>
    <message>
        <source>{type} (console)</source>
        <translation>{type}(콘솔)</translation>
    </message>
    <message>
        <source>Categorical</source>
        <translation>범주형</translation>
    </message>
    <message>
        <source>Required by AiTEMS for this dataset type: it cannot change.</source>
        <translation>이 데이터셋 유형에 AiTEMS가 요구하는 필드이므로 변경할 수 없습니다.</translation>
    </message>
    <message>
        <source>Field {n} has no name.</source>
        <translation>{n}번째 필드에 이름이 없습니다.</translation>
    </message>
    <message>
        <source>{name}: a field name starts with a letter or _ and holds letters, digits and _.</source>
        <translation>{name}: 필드 이름은 영문자 또는 &apos;_&apos;로 시작하며 영문자, 숫자, &apos;_&apos;만 입력할 수 있습니다.</translation>
    </message>
    <message>
        <source>{name}: choose at least one type.</source>
        <translation>{name}: 타입을 하나 이상 선택해 주십시오.</translation>
    </message>
    <message>
        <source>{name}: null alone is not a type; add the type of its values.</source>
        <translation>{name}: null만으로는 타입이 될 수 없습니다. 값의 타입을 추가해 주십시오.</translation>
    </message>
    <message>
        <source>Repeated field names: {names}.</source>
        <translation>중복된 필드 이름: {names}.</translation>
    </message>
    <message>
        <source>{name} is a reserved keyword: its types must include {type}.</source>
        <translation>{name}은(는) 예약 키워드이므로 타입에 {type}이(가) 포함되어야 합니다.</translation>
    </message>
    <message>
        <source>Duplicate Schema {name}</source>
        <translation>스키마 {name} 복제</translation>
    </message>
    <message>
        <source>New Schema</source>
        <translation>새 스키마</translation>
    </message>
    <message>
        <source>Dataset type</source>
        <translation>데이터셋 유형</translation>
    </message>
    <message>
        <source>&amp;Add Field</source>
        <translation>필드 추가(&amp;A)</translation>
    </message>
    <message>
        <source>Add Reser&amp;ved Keyword</source>
        <translation>예약 키워드 추가(&amp;V)</translation>
    </message>
    <message>
        <source>From a CSV F&amp;ile…</source>
        <translation>CSV 파일에서(&amp;I)…</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>제거(&amp;M)</translation>
    </message>
    <message>
        <source>Dataset type {type}: the schema needs the field {name}.</source>
        <translation>데이터셋 타입 {type}: 스키마에 {name} 필드가 필요합니다.</translation>
    </message>
    <message>
        <source>Move &amp;Up</source>
        <translation>위로 이동(&amp;U)</translation>
    </message>
    <message>
        <source>Move Do&amp;wn</source>
        <translation>아래로 이동(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>유효성 체크(&amp;C)</translation>
    </message>
    <message>
        <source>C&amp;reate</source>
        <translation>생성(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>이름(&amp;N):</translation>
    </message>
    <message>
        <source>Dataset &amp;type:</source>
        <translation>데이터셋 유형(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>설명(&amp;D):</translation>
    </message>
    <message>
        <source>&amp;Fields, in the order of the file&apos;s columns:</source>
        <translation>필드(&amp;F) - 파일의 열 순서대로:</translation>
    </message>
    <message>
        <source>This dataset type has no reserved keywords</source>
        <translation>이 데이터셋 유형에는 예약 키워드가 없습니다</translation>
    </message>
    <message>
        <source>Propose a Schema from a CSV File</source>
        <translation>CSV 파일로 스키마 제안</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.csv.gz);;All files (*)</source>
        <translation>CSV 파일 (*.csv *.csv.gz);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>파일을 읽는 중…</translation>
    </message>
    <message>
        <source>Proposed from the file: check each field before creating.</source>
        <translation>파일에서 제안한 스키마입니다. 생성하기 전에 각 필드를 확인해 주십시오.</translation>
    </message>
    <message>
        <source>The file could not be read: {error}</source>
        <translation>파일을 읽을 수 없습니다: {error}</translation>
    </message>
    <message>
        <source>3 to 20 letters, digits, _ or -, starting with a letter; not “default”</source>
        <translation>영문자, 숫자, &apos;_&apos;, &apos;-&apos;를 조합하여 3~20자 이내, 영문자로 시작(“default” 제외)</translation>
    </message>
    <message>
        <source>Checking with the service…</source>
        <translation>서비스에 확인하는 중…</translation>
    </message>
    <message>
        <source>The service accepts this schema.</source>
        <translation>서비스에서 이 스키마를 허용합니다.</translation>
    </message>
    <message>
        <source>The service does not accept this schema.</source>
        <translation>서비스에서 이 스키마를 허용하지 않습니다.</translation>
    </message>
</context>
<context>
    <name>SecretField</name>
    <message>
        <source>Show</source>
        <translation>표시</translation>
    </message>
    <message>
        <source>Show or hide the secret key</source>
        <translation>Secret Key 표시 또는 숨기기</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>숨기기</translation>
    </message>
</context>
<context>
    <name>ServiceActions</name>
    <message>
        <source>Created {name}</source>
        <extracomment>Something failed that the window should show: an ErrorReport. A short line for the status bar. Select this resource in the navigator: (kind, id).</extracomment>
        <translation>{name}을(를) 생성했습니다</translation>
    </message>
    <message>
        <source>{name} was created, though the answer did not arrive cleanly</source>
        <translation>{name}을(를) 생성했지만 응답을 정상적으로 받지 못했습니다</translation>
    </message>
    <message>
        <source>{name} already existed with these settings</source>
        <translation>같은 설정의 {name}이(가) 이미 있습니다</translation>
    </message>
    <message>
        <source>There is no service named {name}</source>
        <translation>{name} 서비스가 없습니다</translation>
    </message>
    <message>
        <source>service</source>
        <translation>서비스</translation>
    </message>
    <message>
        <source>Its trainings and results are deleted with it. This cannot be undone.</source>
        <translation>학습과 학습 결과도 함께 삭제되며, 되돌릴 수 없습니다.</translation>
    </message>
    <message>
        <source>Deleted {name}</source>
        <translation>{name}을(를) 삭제했습니다</translation>
    </message>
    <message>
        <source>Deleting {name}…</source>
        <translation>{name}을(를) 삭제하는 중…</translation>
    </message>
</context>
<context>
    <name>ServiceForm</name>
    <message>
        <source>e.g. shop_reco</source>
        <translation>예: shop_reco</translation>
    </message>
    <message>
        <source>{min} to {max} ASCII letters, digits, _ or -; the first a letter or _</source>
        <translation>영문자, 숫자, 특수 문자 &apos;_&apos;, &apos;-&apos;를 조합하여 {min}~{max}자 이내로 입력하며, 영문자 또는 &apos;_&apos;로 시작합니다</translation>
    </message>
    <message>
        <source>Service name</source>
        <translation>서비스 이름</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>선택 사항</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>설명</translation>
    </message>
    <message>
        <source>Service type</source>
        <translation>서비스 구분</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>생성(&amp;C)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>이름(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>설명(&amp;D):</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>구분(&amp;T):</translation>
    </message>
    <message>
        <source>Created. Change the name to create another.</source>
        <translation>생성했습니다. 다른 서비스를 생성하려면 이름을 바꿔 주십시오.</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>생성하는 중…</translation>
    </message>
    <message>
        <source>a name is required</source>
        <translation>이름을 입력해 주십시오</translation>
    </message>
    <message>
        <source>must start with a letter or _</source>
        <translation>영문자 또는 &apos;_&apos;로 시작해야 합니다</translation>
    </message>
    <message>
        <source>only letters, digits, _ and -</source>
        <translation>영문자, 숫자, &apos;_&apos;, &apos;-&apos;만 입력할 수 있습니다</translation>
    </message>
    <message>
        <source>{min} to {max} characters</source>
        <translation>{min}~{max}자</translation>
    </message>
    <message>
        <source>at most {max} characters</source>
        <translation>최대 {max}자</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>단축키</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>동작</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>단축키</translation>
    </message>
</context>
<context>
    <name>TrainDialog</name>
    <message>
        <source>Periodic Training of {name}</source>
        <translation>{name} 주기 학습</translation>
    </message>
    <message>
        <source>Train {name}</source>
        <translation>{name} 학습 요청</translation>
    </message>
    <message>
        <source>Training description</source>
        <translation>학습에 대한 설명</translation>
    </message>
    <message>
        <source>Update cycle</source>
        <translation>업데이트 주기</translation>
    </message>
    <message>
        <source>Stop Periodic Training</source>
        <translation>주기 학습 정지</translation>
    </message>
    <message>
        <source>&amp;Update cycle:</source>
        <translation>업데이트 주기(&amp;U):</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>설명(&amp;D):</translation>
    </message>
    <message>
        <source>Start Periodic Training</source>
        <translation>주기 학습 실행</translation>
    </message>
    <message>
        <source>Start Training</source>
        <translation>학습 요청</translation>
    </message>
    <message>
        <source>A training cannot be stopped once it has started.</source>
        <translation>학습 진행 중에는 학습을 중지할 수 없습니다.</translation>
    </message>
    <message>
        <source>The service retrains on every cycle until periodic training is stopped.</source>
        <translation>주기 학습을 정지할 때까지 서비스는 주기마다 재학습합니다.</translation>
    </message>
    <message>
        <source>Discard the training settings?</source>
        <translation>학습 설정을 버리시겠습니까?</translation>
    </message>
    <message>
        <source>The description and choices you made for this training will be lost.</source>
        <translation>이 학습에 입력한 설명과 선택한 내용이 사라집니다.</translation>
    </message>
</context>
<context>
    <name>TrainingDialog</name>
    <message>
        <source>Training {type} · version {version}</source>
        <translation>학습 {type} · 버전 {version}</translation>
    </message>
</context>
<context>
    <name>TrainingTypesBox</name>
    <message>
        <source>Training types</source>
        <translation>학습 요청 타입</translation>
    </message>
</context>
<context>
    <name>TrainingsPanel</name>
    <message>
        <source>Type</source>
        <extracomment>Something failed: an ErrorReport for the window. The trainings were read (for the updates tab): a list of Training.</extracomment>
        <translation>유형</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>버전</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>요청 일시</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>결과</translation>
    </message>
    <message>
        <source>&amp;Refresh Trainings</source>
        <translation>학습 목록 새로 고침(&amp;R)</translation>
    </message>
    <message>
        <source>Reading the trainings…</source>
        <translation>학습 목록을 읽는 중…</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>예</translation>
    </message>
    <message>
        <source>no</source>
        <translation>아니요</translation>
    </message>
    <message>
        <source>{n} trainings</source>
        <translation>학습 {n}개</translation>
    </message>
    <message>
        <source>No training yet.</source>
        <translation>아직 학습이 없습니다.</translation>
    </message>
</context>
<context>
    <name>UpdatesPanel</name>
    <message>
        <source>Update</source>
        <translation>업데이트</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>요청 일시</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>완료 일시</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>사용자 수</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>항목 수</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>건수</translation>
    </message>
    <message>
        <source>&amp;Training:</source>
        <translation>학습(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Show Updates</source>
        <translation>업데이트 목록 조회(&amp;S)</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>Read the trainings first, then choose one.</source>
        <translation>먼저 학습 목록을 읽은 후 학습을 선택해 주십시오.</translation>
    </message>
    <message>
        <source>{n} updates</source>
        <translation>업데이트 {n}개</translation>
    </message>
    <message>
        <source>No update yet.</source>
        <translation>아직 업데이트가 없습니다.</translation>
    </message>
</context>
<context>
    <name>WorkspaceWindow</name>
    <message>
        <source>Trainings</source>
        <extracomment>File &gt; Credentials…: whoever manages profiles opens its dialog. The person picked another profile in the switcher: (profile name). The thread writing the window&apos;s state at close; the app joins it before exiting. Threads keeping a Preferences choice; the app joins them before exiting.</extracomment>
        <translation>학습</translation>
    </message>
    <message>
        <source>Updates</source>
        <translation>업데이트</translation>
    </message>
    <message>
        <source>Test Lookup</source>
        <translation>학습 결과 테스트</translation>
    </message>
    <message>
        <source>New &amp;Service…</source>
        <translation>새 서비스(&amp;S)…</translation>
    </message>
    <message>
        <source>New &amp;Dataset from a CSV File…</source>
        <translation>CSV 파일로 새 데이터셋(&amp;D)…</translation>
    </message>
    <message>
        <source>New Sc&amp;hema…</source>
        <translation>새 스키마(&amp;H)…</translation>
    </message>
    <message>
        <source>D&amp;uplicate Schema…</source>
        <translation>스키마 복제(&amp;U)…</translation>
    </message>
    <message>
        <source>C&amp;redentials…</source>
        <translation>인증 정보(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>종료(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>수정(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>삭제(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Attach Datasets…</source>
        <translation>데이터셋 지정(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Train…</source>
        <translation>학습 요청(&amp;T)…</translation>
    </message>
    <message>
        <source>Copy &amp;ID</source>
        <translation>ID 복사(&amp;I)</translation>
    </message>
    <message>
        <source>Copy &amp;Name</source>
        <translation>이름 복사(&amp;N)</translation>
    </message>
    <message>
        <source>Copy as &amp;JSON</source>
        <translation>JSON으로 복사(&amp;J)</translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation>필터(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>새로 고침(&amp;R)</translation>
    </message>
    <message>
        <source>Refresh &amp;All</source>
        <translation>모두 새로 고침(&amp;A)</translation>
    </message>
    <message>
        <source>E&amp;xpand All</source>
        <translation>모두 펼치기(&amp;X)</translation>
    </message>
    <message>
        <source>C&amp;ollapse All</source>
        <translation>모두 접기(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Services</source>
        <translation>서비스(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Datasets</source>
        <translation>데이터셋(&amp;D)</translation>
    </message>
    <message>
        <source>Sc&amp;hemas</source>
        <translation>스키마(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Overview Tab</source>
        <translation>개요 탭(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Trainings Tab</source>
        <translation>학습 탭(&amp;T)</translation>
    </message>
    <message>
        <source>Test &amp;Lookup Tab</source>
        <translation>학습 결과 테스트 탭(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Updates Tab</source>
        <translation>업데이트 탭(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Next Tab</source>
        <translation>다음 탭(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous Tab</source>
        <translation>이전 탭(&amp;P)</translation>
    </message>
    <message>
        <source>AiTEMS API &amp;Documentation</source>
        <translation>AiTEMS API 문서(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>단축키(&amp;K)</translation>
    </message>
    <message>
        <source>Open &amp;Log Folder</source>
        <translation>로그 폴더 열기(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;About AiTEMS Desktop</source>
        <translation>AiTEMS Desktop 정보(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Qt 정보(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>환경 설정(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Stop All Calls</source>
        <translation>모든 호출 중지(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Activity Log</source>
        <translation>활동 로그(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>Details &amp;Tabs</source>
        <translation>상세 정보 탭(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Service</source>
        <translation>서비스(&amp;S)</translation>
    </message>
    <message>
        <source>Sche&amp;ma</source>
        <translation>스키마(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>기본</translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation>프로필(&amp;P):</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>프로필</translation>
    </message>
    <message>
        <source>The credentials profile the workspace shows; File &gt; Credentials… edits them</source>
        <translation>작업 공간에 표시되는 인증 정보 프로필입니다. 파일 &gt; 인증 정보…에서 편집합니다</translation>
    </message>
    <message>
        <source>SANDBOX</source>
        <translation>샌드박스</translation>
    </message>
    <message>
        <source>Talking to the built-in local sandbox, not to NAVER Cloud</source>
        <translation>NAVER Cloud가 아닌 내장 로컬 샌드박스와 통신 중입니다</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>연결되지 않음</translation>
    </message>
    <message>
        <source>Profile: {label}{source} · {url}</source>
        <translation>프로필: {label}{source} · {url}</translation>
    </message>
    <message>
        <source>Switching to {name}…</source>
        <translation>{name}(으)로 전환하는 중…</translation>
    </message>
    <message>
        <source>The list could not be read: {message}</source>
        <translation>목록을 읽을 수 없습니다: {message}</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>{name}을(를) 읽는 중…</translation>
    </message>
    <message>
        <source>It no longer exists</source>
        <translation>더 이상 존재하지 않습니다</translation>
    </message>
    <message>
        <source>&amp;Edit Description…</source>
        <translation>설명 수정(&amp;E)…</translation>
    </message>
    <message>
        <source>Periodic &amp;Training…</source>
        <translation>주기 학습(&amp;T)…</translation>
    </message>
    <message>
        <source>Training of {name} requested</source>
        <translation>{name} 학습을 요청했습니다</translation>
    </message>
    <message>
        <source>Created {name}</source>
        <translation>{name}을(를) 생성했습니다</translation>
    </message>
    <message>
        <source>Copied {text}</source>
        <translation>{text}을(를) 복사했습니다</translation>
    </message>
    <message>
        <source>Copied as JSON</source>
        <translation>JSON으로 복사했습니다</translation>
    </message>
    <message>
        <source>Training of {name} ended: {status}</source>
        <translation>{name} 학습이 끝났습니다: {status}</translation>
    </message>
</context>
<context>
    <name>aitems</name>
    <message>
        <source>Check that the keyring is running and unlocked, then try again.</source>
        <extracomment>The keyring &quot;service&quot; under which every profile&apos;s secret is stored. How long :meth:`CredentialStore.call` waits for the keyring by default (seconds). Long enough for a person to type a keyring password into an unlock prompt. The user name the availability probe reads. Only ever read, so a profile that happens to have this name is harmless. (No control characters: D-Bus strings cannot carry NUL.)</extracomment>
        <translation>키링이 실행 중이고 잠금 해제되어 있는지 확인한 후 다시 시도해 주십시오.</translation>
    </message>
    <message>
        <source>No keyring</source>
        <translation>키링 없음</translation>
    </message>
    <message>
        <source>No system keyring was found (no Secret Service, Keychain or Credential Locker is reachable).</source>
        <translation>시스템 키링을 찾을 수 없습니다(Secret Service, 키체인, 자격 증명 보관소 중 연결되는 것이 없습니다).</translation>
    </message>
    <message>
        <source>Keyring disabled</source>
        <translation>키링 사용 안 함</translation>
    </message>
    <message>
        <source>The keyring is disabled (the null backend is selected, for example through PYTHON_KEYRING_BACKEND).</source>
        <translation>키링이 사용 중지되어 있습니다(예: PYTHON_KEYRING_BACKEND로 null 백엔드가 선택됨).</translation>
    </message>
    <message>
        <source>No usable keyring backend is installed.</source>
        <translation>사용할 수 있는 키링 백엔드가 설치되어 있지 않습니다.</translation>
    </message>
    <message>
        <source>No system keyring was found.</source>
        <translation>시스템 키링을 찾을 수 없습니다.</translation>
    </message>
    <message>
        <source>the check was cancelled</source>
        <extracomment>A schema field as the caller has it: the rules&apos; dataclass, ``(name, types)`` or ``(name, types, categorical)``, or the API&apos;s JSON shape ``{&quot;name&quot;, &quot;type&quot;, &quot;categorical&quot;}``. How many missing ids of an interaction file are shown as examples. Missing digests kept to find the examples in file order (see :func:`.digests.missing`). Columns or fields handled between two looks at the cancel flag. The unique key column, for a user or item file. Interaction columns cross-checked: (column index, field, kind, the other file&apos;s ids).</extracomment>
        <translation>검사를 취소했습니다</translation>
    </message>
    <message>
        <source>Check that the file exists and can be read, and that there is room for the check&apos;s temporary files.</source>
        <extracomment>Kinds that are warnings; every other kind is an error. How much of a value a problem quotes. Interaction rows whose id is not in the other file. Distinct ids not in the other file. The first missing ids in file order, with the line each first appears on. Data rows read (lines after the header that hold a record; blank lines excluded). The file&apos;s size on disk; for csv.gz the compressed size. At most ``limit`` problems, in file order. How many problems of each kind were found, including those not listed. True when a problem stopped the check before the end of the file.</extracomment>
        <translation>파일이 있고 읽을 수 있는지, 검사용 임시 파일을 저장할 공간이 있는지 확인해 주십시오.</translation>
    </message>
    <message>
        <source>Nothing was changed; start the check again when you are ready.</source>
        <translation>변경된 것은 없습니다. 준비되면 검사를 다시 시작해 주십시오.</translation>
    </message>
    <message>
        <source>Save the file as comma-separated UTF-8 text (in Excel: CSV UTF-8).</source>
        <extracomment>A line longer than this is not a dataset row: the file is not line-based text. Leading bytes of formats people send instead of a CSV.</extracomment>
        <translation>파일을 쉼표로 구분된 UTF-8 텍스트로 저장해 주십시오(Excel: CSV UTF-8).</translation>
    </message>
    <message>
        <source>The time set for this work ran out, so nothing was sent.</source>
        <translation>이 작업에 주어진 시간이 지나 아무것도 전송하지 않았습니다.</translation>
    </message>
    <message>
        <source>Copy the access key again (into the profile, or NCLOUD_ACCESS_KEY), without line breaks or spaces.</source>
        <translation>Access Key를 줄 바꿈이나 공백 없이 다시 복사해 주십시오(프로필 또는 NCLOUD_ACCESS_KEY).</translation>
    </message>
    <message>
        <source>Correct the CA bundle setting (the profile&apos;s CA bundle, or AITEMS_CA_BUNDLE): it must name a readable file of PEM certificates.</source>
        <translation>CA 번들 설정(프로필의 CA 번들 또는 AITEMS_CA_BUNDLE)을 바로잡아 주십시오. 읽을 수 있는 PEM 인증서 파일이어야 합니다.</translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <extracomment>A larger answer is an error, not a hang (a service with 20,000 infers is about 5 MB). An error body is only read this far: enough for any real error, not for a runaway page. The longest one attempt may take, from connect to the last byte of the answer. What a call may take beyond one attempt&apos;s deadline, for retries and the waits before them. The longest one call may take in all (attempts and waits) with the default timeouts. The longest ``Retry-After`` that is repeated to a person as a number of seconds; a longer one is shown as &quot;more than an hour&quot; (the engine waits at most ``max_retry_wait`` anyway). What each list&apos;s answer holds its items under: every item must be a JSON object. What the standard library&apos;s JSON reader raises on input it cannot take: bad syntax (ValueError), a number over Python&apos;s digit limit (ValueError) and nesting deeper than the interpreter&apos;s stack (RecursionError). What reading an answer can raise below ``requests`` when a server misbehaves. A query given as plain values (the command-line tool&apos;s lists), not as a model. Path and query exactly as on the request line; what the signature covers. The typed error&apos;s class name when the attempt failed. Guards the sessions and observers, which scoped views share. Guards this engine&apos;s (or view&apos;s) own cancel state. Set once the access key and the CA bundle were found usable (read on first call, off the GUI thread: the bundle is a file).</extracomment>
        <translation>요청을 취소했습니다.</translation>
    </message>
    <message>
        <source>Could not connect in time; nothing was sent.</source>
        <translation>제한 시간 안에 연결하지 못했습니다. 아무것도 전송하지 않았습니다.</translation>
    </message>
    <message>
        <source>No complete answer arrived in time, so the call was abandoned.</source>
        <translation>제한 시간 안에 완전한 응답이 오지 않아 호출을 중단했습니다.</translation>
    </message>
    <message>
        <source>The connection broke while the answer was arriving.</source>
        <translation>응답을 받는 중에 연결이 끊어졌습니다.</translation>
    </message>
    <message>
        <source>A query value holds a character that cannot be sent (a lone surrogate).</source>
        <translation>조회 값에 전송할 수 없는 문자(짝이 없는 서로게이트)가 있습니다.</translation>
    </message>
    <message>
        <source>The request holds a character that cannot be sent (a lone surrogate); nothing was sent.</source>
        <translation>요청에 전송할 수 없는 문자(짝이 없는 서로게이트)가 있어 아무것도 전송하지 않았습니다.</translation>
    </message>
    <message>
        <source>The server&apos;s answer is nested too deeply to read.</source>
        <translation>서버 응답의 중첩이 너무 깊어 읽을 수 없습니다.</translation>
    </message>
    <message>
        <source>nested too deeply</source>
        <translation>중첩이 너무 깊음</translation>
    </message>
    <message>
        <source>The gateway rejected the request as malformed.</source>
        <translation>API Gateway가 잘못된 요청으로 보고 거부했습니다.</translation>
    </message>
    <message>
        <source>Authentication failed.</source>
        <translation>인증에 실패했습니다.</translation>
    </message>
    <message>
        <source>Permission denied: this account may not use AiTEMS.</source>
        <translation>권한 없음: 이 계정은 AiTEMS를 사용할 수 없습니다.</translation>
    </message>
    <message>
        <source>Forbidden.</source>
        <translation>접근이 금지되었습니다.</translation>
    </message>
    <message>
        <source>Not found: no such endpoint or resource.</source>
        <translation>리소스를 찾을 수 없음: 해당 엔드포인트나 리소스가 없습니다.</translation>
    </message>
    <message>
        <source>The API quota is used up.</source>
        <translation>API 할당량을 모두 사용했습니다.</translation>
    </message>
    <message>
        <source>Requests are being throttled.</source>
        <translation>요청 속도가 제한되고 있습니다.</translation>
    </message>
    <message>
        <source>Too many requests (rate limited).</source>
        <translation>요청이 너무 많습니다(요청 수 제한).</translation>
    </message>
    <message>
        <source>The request was too large.</source>
        <translation>요청이 너무 큽니다.</translation>
    </message>
    <message>
        <source>The AiTEMS service could not be reached by the gateway.</source>
        <translation>API Gateway가 AiTEMS 서비스에 연결하지 못했습니다.</translation>
    </message>
    <message>
        <source>The AiTEMS service did not answer the gateway in time.</source>
        <translation>AiTEMS 서비스가 API Gateway에 제시간에 응답하지 않았습니다.</translation>
    </message>
    <message>
        <source>The gateway failed unexpectedly.</source>
        <translation>API Gateway에 예기치 않은 오류가 발생했습니다.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate could not be verified, so nothing was sent.</source>
        <translation>서버 인증서를 확인할 수 없어 아무것도 전송하지 않았습니다.</translation>
    </message>
    <message>
        <source>Could not reach the server through the configured proxy.</source>
        <translation>설정된 프록시를 통해 서버에 연결할 수 없습니다.</translation>
    </message>
    <message>
        <source>Check the proxy address in the profile (Credentials…), then try again.</source>
        <translation>프로필의 프록시 주소를 확인한 후(인증 정보…) 다시 시도해 주십시오.</translation>
    </message>
    <message>
        <source>The connection dropped before an answer arrived.</source>
        <translation>응답을 받기 전에 연결이 끊어졌습니다.</translation>
    </message>
    <message>
        <source>Try again. If it keeps happening, check the endpoint and your network.</source>
        <translation>다시 시도해 주십시오. 계속 발생하면 엔드포인트와 네트워크를 확인해 주십시오.</translation>
    </message>
    <message>
        <source>Check the access key and secret key of this profile (Credentials…). Both come from the NCP console: My Account &gt; 계정 및 보안 관리 (log in again) &gt; 보안 관리 &gt; 접근 관리 &gt; API 인증키 관리.</source>
        <extracomment>Set by the use cases when they looked after an unclear failure and found that nothing was created or started: the same request can be sent again.</extracomment>
        <translation>이 프로필의 Access Key와 Secret Key를 확인해 주십시오(인증 정보…). 두 키는 NCP 콘솔의 My Account &gt; 계정 및 보안 관리(다시 로그인) &gt; 보안 관리 &gt; 접근 관리 &gt; API 인증키 관리에서 확인할 수 있습니다.</translation>
    </message>
    <message>
        <source>Subscribe to AiTEMS in the NCP console, or ask the account owner to give this sub-account AiTEMS permission.</source>
        <translation>NCP 콘솔에서 AiTEMS를 신청하거나, 계정 소유자에게 이 서브 계정의 AiTEMS 권한을 요청해 주십시오.</translation>
    </message>
    <message>
        <source>This account may not do that. Ask the account owner for access.</source>
        <translation>이 계정에는 권한이 없습니다. 계정 소유자에게 권한을 요청해 주십시오.</translation>
    </message>
    <message>
        <source>Check the endpoint URL of this profile; the resource may have been deleted.</source>
        <translation>이 프로필의 엔드포인트 URL을 확인해 주십시오. 리소스가 삭제되었을 수 있습니다.</translation>
    </message>
    <message>
        <source>Too many requests for now. Wait a moment, then try again.</source>
        <translation>지금은 요청이 너무 많습니다. 잠시 후 다시 시도해 주십시오.</translation>
    </message>
    <message>
        <source>Too many requests: the server asks to wait more than an hour. Try again later; if it persists, check the API quota in the NCP console.</source>
        <translation>요청이 너무 많습니다. 서버가 한 시간 넘게 기다리라고 요청합니다. 나중에 다시 시도해 주십시오. 계속되면 NCP 콘솔에서 API 사용량 한도를 확인해 주십시오.</translation>
    </message>
    <message>
        <source>The service had a problem on its side. Try again in a minute; if it persists, check the NCP status page or contact NCP support with the request id.</source>
        <translation>서비스 측에 문제가 발생했습니다. 잠시 후 다시 시도해 주십시오. 계속되면 NCP 상태 페이지를 확인하거나 요청 ID와 함께 NCP 고객 지원에 문의해 주십시오.</translation>
    </message>
    <message>
        <source>The request is too large. Shorten the description and try again.</source>
        <translation>요청이 너무 큽니다. 설명을 줄인 후 다시 시도해 주십시오.</translation>
    </message>
    <message>
        <source>Choose another name, or open the existing one.</source>
        <translation>다른 이름을 선택하거나 기존 리소스를 열어 주십시오.</translation>
    </message>
    <message>
        <source>Correct the input as the message says, then try again.</source>
        <translation>메시지에 따라 입력을 수정한 후 다시 시도해 주십시오.</translation>
    </message>
    <message>
        <source>Check your network connection, proxy and the endpoint URL, then try again.</source>
        <translation>네트워크 연결, 프록시, 엔드포인트 URL을 확인한 후 다시 시도해 주십시오.</translation>
    </message>
    <message>
        <source>If you use a private endpoint or an inspecting proxy, set its CA bundle in the profile (Credentials…). Never turn verification off for the public endpoint.</source>
        <extracomment>True when a deadline or timeout ended the call (not a refusal or a reset).</extracomment>
        <translation>사설 엔드포인트나 검사 프록시를 사용한다면 프로필에 해당 CA 번들을 설정해 주십시오(인증 정보…). 공개 엔드포인트에서는 인증서 확인을 절대 끄지 마십시오.</translation>
    </message>
    <message>
        <source>Something between you and AiTEMS (a proxy, a captive portal, a wrong endpoint URL) may have answered instead. Check the endpoint and proxy settings, then try again.</source>
        <translation>AiTEMS 대신 중간의 다른 무언가(프록시, 캡티브 포털, 잘못된 엔드포인트 URL)가 응답했을 수 있습니다. 엔드포인트와 프록시 설정을 확인한 후 다시 시도해 주십시오.</translation>
    </message>
    <message>
        <source>Nothing else to do; start it again when you are ready.</source>
        <translation>더 할 일은 없습니다. 준비되면 다시 시작해 주십시오.</translation>
    </message>
    <message>
        <source>Correct the value as the message says, then try again.</source>
        <translation>메시지에 따라 값을 수정한 후 다시 시도해 주십시오.</translation>
    </message>
    <message>
        <source>Wait until the resource is in a state that allows it, then try again.</source>
        <translation>리소스가 허용하는 상태가 될 때까지 기다린 후 다시 시도해 주십시오.</translation>
    </message>
    <message>
        <source>Do not send it again blindly. Refresh the list in a minute to see whether it exists; sending the same request again is safe: it finds the existing one instead of making a second.</source>
        <translation>무작정 다시 보내지 마십시오. 잠시 후 목록을 새로 고쳐 리소스가 있는지 확인해 주십시오. 같은 요청을 다시 보내도 안전합니다. 두 번째로 생성하지 않고 기존 리소스를 찾습니다.</translation>
    </message>
    <message>
        <source>It is still running on the service; look again later.</source>
        <translation>서비스에서 아직 진행 중입니다. 나중에 다시 확인해 주십시오.</translation>
    </message>
    <message>
        <source>Correct what the message says, then try again.</source>
        <translation>메시지의 내용을 수정한 후 다시 시도해 주십시오.</translation>
    </message>
    <message>
        <source>Check the bucket name; create the bucket in the NCP console first.</source>
        <translation>버킷 이름을 확인해 주십시오. 버킷은 먼저 NCP 콘솔에서 생성해야 합니다.</translation>
    </message>
    <message>
        <source>Check the object&apos;s path.</source>
        <translation>파일의 경로(Prefix)를 확인해 주십시오.</translation>
    </message>
    <message>
        <source>These keys may not use this bucket: check the bucket&apos;s permissions, or the sub-account&apos;s Object Storage permission.</source>
        <translation>이 인증키로는 이 버킷을 사용할 수 없습니다. 버킷 권한 또는 서브 계정의 Object Storage 권한을 확인해 주십시오.</translation>
    </message>
    <message>
        <source>Check the access key and secret key of this profile; Object Storage takes the same NCP API keys as AiTEMS.</source>
        <translation>이 프로필의 Access Key와 Secret Key를 확인해 주십시오. Object Storage는 AiTEMS와 같은 NCP API 인증키를 사용합니다.</translation>
    </message>
    <message>
        <source>Set this computer&apos;s clock right (turn on automatic time), then try again.</source>
        <translation>이 컴퓨터의 시계를 맞춘 후(자동 시간 설정 사용) 다시 시도해 주십시오.</translation>
    </message>
    <message>
        <source>Object Storage had a problem on its side. Try again in a minute.</source>
        <translation>Object Storage 측에 문제가 발생했습니다. 잠시 후 다시 시도해 주십시오.</translation>
    </message>
    <message>
        <source>Check the Object Storage endpoint and the proxy settings.</source>
        <translation>Object Storage 엔드포인트와 프록시 설정을 확인해 주십시오.</translation>
    </message>
    <message>
        <source>Check the Object Storage endpoint and the proxy settings: Object Storage answers itself and never sends a request elsewhere.</source>
        <translation>Object Storage 엔드포인트와 프록시 설정을 확인해 주십시오. Object Storage는 직접 응답하며 요청을 다른 곳으로 보내지 않습니다.</translation>
    </message>
    <message>
        <source>Check your network connection, the proxy and the endpoint, then try again.</source>
        <translation>네트워크 연결, 프록시, 엔드포인트를 확인한 후 다시 시도해 주십시오.</translation>
    </message>
    <message>
        <source>If an inspecting proxy or a private endpoint is in the way, set its CA bundle in the profile. Never turn verification off.</source>
        <translation>검사 프록시나 사설 엔드포인트를 거친다면 프로필에 해당 CA 번들을 설정해 주십시오. 인증서 확인은 절대 끄지 마십시오.</translation>
    </message>
    <message>
        <source>Bucket names are 3 to 63 lower-case letters, digits, dots and hyphens.</source>
        <translation>버킷 이름은 영문 소문자, 숫자, 마침표, 하이픈으로 3~63자입니다.</translation>
    </message>
    <message>
        <source>Nothing was left in the bucket; start the upload again when you are ready.</source>
        <translation>버킷에 남은 것은 없습니다. 준비되면 업로드를 다시 시작해 주십시오.</translation>
    </message>
    <message>
        <source>Check that the file exists and can be read.</source>
        <translation>파일이 있고 읽을 수 있는지 확인해 주십시오.</translation>
    </message>
    <message>
        <source>the server&apos;s answer is not S3</source>
        <translation>서버 응답이 S3 형식이 아닙니다</translation>
    </message>
    <message>
        <source>the connection timed out before it was made</source>
        <translation>연결하기 전에 제한 시간이 지났습니다</translation>
    </message>
    <message>
        <source>the server stopped answering (read timeout)</source>
        <translation>서버가 응답을 멈추었습니다(읽기 제한 시간 초과)</translation>
    </message>
    <message>
        <source>the upload was cancelled</source>
        <extracomment>The body goes to the socket in slices this large; cancel is looked at between them. The largest answer read; S3&apos;s answers to what this client sends are far smaller. How long the abort of a cancelled multipart upload may take before the cancel gives up on it (a new connection and one small request; far more than a distant link needs). How often the cancel flag is looked at while a request waits on the network. The whole of one request other than a part&apos;s PUT: connect, send, and the whole answer. A request began to go out: from then on a failure may have reached the server. The upload id of a multipart upload whose abort was sent, and whether it worked. What ended the upload when minio went on to abort it.</extracomment>
        <translation>업로드를 취소했습니다</translation>
    </message>
    <message>
        <source>getaddrinfo returned no address</source>
        <extracomment>True once the request began to be written: from then on it may have reached the server. A stop before that (during a connect or a TLS handshake) sent nothing.</extracomment>
        <translation>getaddrinfo가 주소를 반환하지 않았습니다</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>제한 시간 초과</translation>
    </message>
    <message>
        <source>Reading the list took too long, so it was stopped.</source>
        <extracomment>After a 503 or 504 (the backend may still finish): keep looking this long. After any other unclear failure: keep looking this long. First pause between looks; it grows by half each time, up to ``max_interval``. Pages of a list read at most per look, and the time one look may take in all. All the looking after one unclear failure, the calls it makes included, ends within this: it bounds how long a command can go on after its request failed. The server answered the create with success. The create failed unclearly, and a resource with every field sent was found after. The name was taken by a resource with every field sent: an earlier attempt made it. The unclear failure it was recovered from (RECOVERED) or the duplicate (ALREADY_EXISTED). Defined with the errors, so the command-line tool&apos;s engine needs no use case to ask it.</extracomment>
        <translation>목록을 읽는 데 너무 오래 걸려 중지했습니다.</translation>
    </message>
    <message>
        <source>Wait until the training ends (or stop the schedule), then try again.</source>
        <translation>학습이 끝날 때까지(또는 주기 학습을 정지한 후) 기다렸다가 다시 시도해 주십시오.</translation>
    </message>
    <message>
        <source>Start periodic training instead.</source>
        <extracomment>Trainings that appeared because of this request (known when it was recovered).</extracomment>
        <translation>대신 주기 학습을 실행해 주십시오.</translation>
    </message>
    <message>
        <source>Attach one user, one item and one interaction dataset first.</source>
        <translation>먼저 user, item, interaction 데이터셋을 하나씩 지정해 주십시오.</translation>
    </message>
    <message>
        <source>Wait for it to end; a training cannot be stopped once it has started.</source>
        <translation>끝날 때까지 기다려 주십시오. 학습 진행 중에는 학습을 중지할 수 없습니다.</translation>
    </message>
    <message>
        <source>It may have started. Do not request it again blindly: look at the service&apos;s recent trainings in a minute, and request it again only if none appeared.</source>
        <extracomment>What to do when a training request&apos;s outcome is unknown: look, never send blindly.</extracomment>
        <translation>학습이 시작되었을 수 있습니다. 바로 다시 요청하지 마십시오. 잠시 후 서비스의 최근 학습 목록을 확인하고, 새 학습이 없을 때만 다시 요청해 주십시오.</translation>
    </message>
    <message>
        <source>It is not known whether the training started: the request failed unclearly and looking at the service failed too.</source>
        <translation>학습이 시작되었는지 알 수 없습니다. 요청이 불분명하게 실패했고 서비스 조회도 실패했습니다.</translation>
    </message>
    <message>
        <source>It is not known whether the training started: the request failed unclearly, and the service shows no sign of it yet, but it may still start.</source>
        <translation>학습이 시작되었는지 알 수 없습니다. 요청이 불확실하게 실패했고 서비스에는 아직 흔적이 없지만, 학습이 시작될 수도 있습니다.</translation>
    </message>
    <message>
        <source>Request a training instead.</source>
        <translation>대신 학습을 요청해 주십시오.</translation>
    </message>
    <message>
        <source>It is not known whether the schedule changed: the request failed unclearly and looking at the service failed too.</source>
        <translation>주기 학습이 변경되었는지 알 수 없습니다. 요청이 불분명하게 실패했고 서비스 조회도 실패했습니다.</translation>
    </message>
    <message>
        <source>The schema is too large: its field list is too long. Remove fields and try again.</source>
        <extracomment>The API notes&apos; id: S1..S10, T1, T2, U1, I1, D1..D6, C1..C7. ``resource.verb``, as the command-line tool and the activity log name it. Relative to the base URL (which ends in ``/api/v1``), with ``{param}`` placeholders. The names of the answer&apos;s, the body&apos;s and the query&apos;s models in ``core.models``. Safe to send again when a first attempt failed: the same request twice leaves the same state as once. A create, a training request, a schedule start and a row upload are not. The official title (English reading of the Korean API page&apos;s title). What to tell the person when the gateway refuses the body as too large (413), when the error&apos;s own hint (shorten the description) does not fit the operation. A schema&apos;s body is mostly its field list; the description is at most 100 characters.</extracomment>
        <translation>스키마가 너무 큽니다. 필드 목록이 너무 깁니다. 필드를 줄인 뒤 다시 시도하세요.</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Starting the sandbox…</source>
        <extracomment>Test hook: the sandbox&apos;s answer delay for --sandbox, to exercise quitting mid-call. How long quitting waits for calls in flight to notice their cancel. How long quitting waits for the window&apos;s state and preferences to be written. --sandbox: simulated time runs this many times faster, so that a training (140 simulated seconds) ends in 14 s while a person watches (docs/sandbox.md). --self-test: the road waits for a training to end; at this scale it takes about 1.4 s.</extracomment>
        <translation>샌드박스를 시작하는 중…</translation>
    </message>
    <message>
        <source>Reading credentials…</source>
        <translation>인증 정보를 읽는 중…</translation>
    </message>
    <message>
        <source>The app could not load its parts ({0}). Reinstall it; the log is {1}.</source>
        <translation>앱의 구성 요소를 불러오지 못했습니다({0}). 앱을 다시 설치하십시오. 로그 파일: {1}</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>Training scheduled</source>
        <translation>학습 예정</translation>
    </message>
    <message>
        <source>Scheduled training running</source>
        <translation>예약된 학습 중</translation>
    </message>
    <message>
        <source>Ready to train</source>
        <extracomment>A dataset as embedded in a service reads ``learnable`` (seen in real answers only).</extracomment>
        <translation>학습 가능</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>학습 중</translation>
    </message>
    <message>
        <source>Deleting</source>
        <translation>삭제 중</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>삭제됨</translation>
    </message>
    <message>
        <source>Cannot train</source>
        <translation>학습 불가</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>임시 저장</translation>
    </message>
    <message>
        <source>Training requested</source>
        <translation>학습 요청</translation>
    </message>
    <message>
        <source>No datasets yet</source>
        <translation>데이터셋 미지정</translation>
    </message>
    <message>
        <source>Ready for training</source>
        <translation>학습 가능</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <source>Processing</source>
        <translation>대기 중(처리 중)</translation>
    </message>
    <message>
        <source>Upload failed</source>
        <translation>업로드 실패</translation>
    </message>
    <message>
        <source>Upload failed (disabled)</source>
        <translation>업로드 실패(사용 불가)</translation>
    </message>
    <message>
        <source>Available</source>
        <extracomment>The state of a service&apos;s training results (``infers[].status``): only ``enable`` is seen in real answers, and the documents list no values.</extracomment>
        <translation>사용 가능</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>준비됨</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>학습 완료</translation>
    </message>
    <message>
        <source>Waiting to run</source>
        <translation>학습 실행 대기 중</translation>
    </message>
    <message>
        <source>Requesting</source>
        <translation>학습 요청 중</translation>
    </message>
    <message>
        <source>Request failed</source>
        <translation>학습 요청 실패</translation>
    </message>
    <message>
        <source>Data refinement failed</source>
        <translation>데이터 정제 실패</translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation>중지 중</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>학습 실패</translation>
    </message>
    <message>
        <source>Trains once when asked</source>
        <translation>학습 진행 시 1회 학습</translation>
    </message>
    <message>
        <source>Retrains on a cycle</source>
        <translation>학습 진행 후 일정 주기로 재학습</translation>
    </message>
    <message>
        <source>User</source>
        <translation>사용자</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>항목</translation>
    </message>
    <message>
        <source>Interaction</source>
        <translation>상호작용</translation>
    </message>
    <message>
        <source>Personalized recommendation</source>
        <translation>개인화 추천</translation>
    </message>
    <message>
        <source>Related items</source>
        <translation>연관 항목 추천</translation>
    </message>
    <message>
        <source>Popular items</source>
        <translation>인기 아이템 추천</translation>
    </message>
    <message>
        <source>Every hour</source>
        <translation>1시간</translation>
    </message>
    <message>
        <source>Every 3 hours</source>
        <translation>3시간</translation>
    </message>
    <message>
        <source>Every 6 hours</source>
        <translation>6시간</translation>
    </message>
    <message>
        <source>Every 12 hours</source>
        <translation>12시간</translation>
    </message>
    <message>
        <source>Hyperparameter optimization (HPO)</source>
        <translation>HPO 설정 여부</translation>
    </message>
    <message>
        <source>Longest idle time in a session</source>
        <translation>세션 내 최대 유휴 시간</translation>
    </message>
    <message>
        <source>Items used for recommendations (top N)</source>
        <translation>추천에 활용할 최대 상품 개수</translation>
    </message>
    <message>
        <source>Least appearances of an item</source>
        <translation>상품 최소 등장 조건 횟수</translation>
    </message>
    <message>
        <source>Least actions in a session</source>
        <translation>세션 내 최소 액션 횟수</translation>
    </message>
    <message>
        <source>Most recommendations per user</source>
        <translation>유저당 최대 추천 상품 개수</translation>
    </message>
    <message>
        <source>Most related items per item</source>
        <translation>상품당 최대 연관 항목 추천 상품 개수</translation>
    </message>
    <message>
        <source>Group columns</source>
        <translation>그룹 컬럼</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>초</translation>
    </message>
    <message>
        <source>The file is empty</source>
        <extracomment>The kinds of problem the local CSV check reports (core.csvfile.ProblemKind).</extracomment>
        <translation>빈 파일</translation>
    </message>
    <message>
        <source>Not a CSV file</source>
        <translation>CSV 파일이 아님</translation>
    </message>
    <message>
        <source>Not a text file</source>
        <translation>텍스트 파일이 아님</translation>
    </message>
    <message>
        <source>Not UTF-8</source>
        <translation>UTF-8이 아님</translation>
    </message>
    <message>
        <source>Damaged gzip file</source>
        <translation>손상된 gzip 파일</translation>
    </message>
    <message>
        <source>Line breaks</source>
        <translation>줄 바꿈</translation>
    </message>
    <message>
        <source>Line too long</source>
        <translation>너무 긴 줄</translation>
    </message>
    <message>
        <source>Too many columns</source>
        <translation>필드가 너무 많음</translation>
    </message>
    <message>
        <source>Wrong delimiter</source>
        <translation>잘못된 구분자</translation>
    </message>
    <message>
        <source>Quote never closed</source>
        <translation>닫히지 않은 따옴표</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>파일 이름</translation>
    </message>
    <message>
        <source>Required field missing from the schema</source>
        <translation>스키마에 없는 필수 필드</translation>
    </message>
    <message>
        <source>Required field with the wrong type</source>
        <translation>타입이 잘못된 필수 필드</translation>
    </message>
    <message>
        <source>Field name</source>
        <translation>필드 이름</translation>
    </message>
    <message>
        <source>Field type</source>
        <translation>필드 타입</translation>
    </message>
    <message>
        <source>Field twice in the schema</source>
        <translation>스키마에 중복된 필드</translation>
    </message>
    <message>
        <source>Too many fields in the schema</source>
        <translation>스키마의 필드가 너무 많음</translation>
    </message>
    <message>
        <source>Column missing</source>
        <translation>누락된 필드</translation>
    </message>
    <message>
        <source>Column not in the schema</source>
        <translation>스키마에 없는 필드</translation>
    </message>
    <message>
        <source>Column order</source>
        <translation>필드 순서</translation>
    </message>
    <message>
        <source>Column name case</source>
        <translation>필드 이름의 대소문자</translation>
    </message>
    <message>
        <source>Spaces in a column name</source>
        <translation>필드 이름의 공백</translation>
    </message>
    <message>
        <source>Column twice</source>
        <translation>중복된 필드</translation>
    </message>
    <message>
        <source>Header looks like data</source>
        <translation>데이터처럼 보이는 헤더</translation>
    </message>
    <message>
        <source>Number of columns</source>
        <translation>필드 개수</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>따옴표</translation>
    </message>
    <message>
        <source>Line break in a value</source>
        <translation>값 안의 줄 바꿈</translation>
    </message>
    <message>
        <source>Value too long</source>
        <translation>너무 긴 값</translation>
    </message>
    <message>
        <source>Blank line</source>
        <translation>빈 줄</translation>
    </message>
    <message>
        <source>Value missing</source>
        <translation>누락된 값</translation>
    </message>
    <message>
        <source>Value of the wrong type</source>
        <translation>타입이 잘못된 값</translation>
    </message>
    <message>
        <source>Value out of range</source>
        <translation>범위를 벗어난 값</translation>
    </message>
    <message>
        <source>Null written as text</source>
        <translation>텍스트로 쓴 null</translation>
    </message>
    <message>
        <source>ID repeated</source>
        <translation>중복된 ID</translation>
    </message>
    <message>
        <source>User not in the user file</source>
        <translation>사용자 파일에 없는 사용자</translation>
    </message>
    <message>
        <source>Item not in the item file</source>
        <translation>항목 파일에 없는 항목</translation>
    </message>
    <message>
        <source>Cross-check skipped</source>
        <translation>교차 확인 생략</translation>
    </message>
    <message>
        <source>No rows</source>
        <translation>행 없음</translation>
    </message>
    <message>
        <source>“{value}” is not among the values the AiTEMS documents list; it is shown as it came.</source>
        <translation>“{value}”은(는) AiTEMS 문서에 나오지 않는 값이므로 받은 그대로 표시합니다.</translation>
    </message>
</context>
</TS>
