<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About AiTEMS Desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A desktop tool for NAVER Cloud Platform AiTEMS: schemas, datasets, services, training and recommendation lookups, with your keys in the system keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Licensed under the Apache License 2.0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Third-party components</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the licences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Third-Party Licences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No licence files were found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The licences could not be read: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActivityDock</name>
    <message>
        <source>Activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search calls (path, status, request id…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the activity log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as c&amp;URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only calls of the current profile can be signed again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as &amp;JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;Request ID</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActivityModel</name>
    <message>
        <source>Time</source>
        <extracomment>The most entries the panel holds; older ones stay in the files.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attempt {n}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttachDatasetsDialog</name>
    <message>
        <source>Datasets of {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A service learns from one dataset of each type. Only datasets that are ready for training are offered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No {kind} dataset is ready</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfirmDeleteDialog</name>
    <message>
        <source>Delete {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the {what} &lt;b&gt;{name}&lt;/b&gt;? {consequence}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type &lt;b&gt;{name}&lt;/b&gt; to confirm:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name to confirm</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CredentialsController</name>
    <message>
        <source>Secret for this session only</source>
        <extracomment>First launch: the user chose &quot;Try the sandbox&quot; in the Credentials dialog. A connection from a profile or the environment went to the window (or ``None``).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading credentials…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret key kept for this session only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is not written to disk; you will enter it again next time. Install or unlock a system keyring to keep it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CredentialsDialog</name>
    <message>
        <source>Credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a profile with the access key and secret key of your NCP account (My Page &gt; Account Management &gt; Authentication Key Management). No account? Try the sandbox: a local AiTEMS that behaves like the real one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try the sand&amp;box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use as de&amp;fault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sa&amp;ve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected error (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the secret key for the new profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. The secret key is kept for this session only (no usable keyring).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. The secret key is in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renamed to “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete profile “%1” and its secret key?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is now the default profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the secret key to test the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection works: %1 accepted the keys.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DataActions</name>
    <message>
        <source>Edit Dataset Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Schema Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file in Object Storage stays. A dataset a service uses cannot be deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A schema a dataset uses cannot be deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted {name}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DatasetWizard</name>
    <message>
        <source>The file</source>
        <extracomment>How often the wizard reads a dataset in a passing state after creating it.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the csv or csv.gz file, the dataset type and the schema its columns must match in name, order and case.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User file (optional):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item file (optional):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset &amp;type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Schema:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the Dataset File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv *.csv.gz);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no {type} schema yet: create one first (Schema &gt; New Schema).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is checked on this computer; nothing is sent yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop Checking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check &amp;Again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The check was stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file matches the schema.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AiTEMS would refuse this file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{rows} rows, {errors} errors, {warnings} warnings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first {listed} of {total} problems are listed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be checked: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Object Storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AiTEMS reads the dataset from NCP Object Storage. Choose where the file goes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Object key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Upload the file to this key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is &amp;already at this key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Upload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop Upload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Bucket:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Object &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the buckets…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no bucket: create one in the NCP console first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>.. (up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a bucket and a key first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploading to {bucket}/{key}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping the upload…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The upload was stopped; nothing is left half-uploaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploaded {size} to {bucket}/{key}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the dataset; Create asks AiTEMS to read the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;reate Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A {type} dataset with the schema {schema}, read from {bucket}/{key} (region KR).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3 to 20 letters, digits, _ or -, starting with a letter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The NCP console asks for at least 5 characters; the API takes 3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is ready for training ({status}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AiTEMS could not read the file ({status}). Check that the object exists and matches the schema, then create the dataset again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: {status}. AiTEMS is reading the file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Dataset from a CSV File</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DescriptionDialog</name>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailsPane</name>
    <message>
        <source>Select a service, dataset or schema to see its details here.</source>
        <extracomment>The person asked to read the shown resource again.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailsTree</name>
    <message>
        <source>on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{key}: {minimum} to {maximum}, default {default}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>version {v}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{types} · categorical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Datasets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HPO settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Object Storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path (key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used by services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Categorical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Field &amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as &amp;JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expand All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collapse All</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailsTreeModel</name>
    <message>
        <source>Field</source>
        <extracomment>The node&apos;s raw JSON value.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DiscardChanges</name>
    <message>
        <source>Discard changes?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What you typed will be lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep Editing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditServiceDialog</name>
    <message>
        <source>Edit Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorPanel</name>
    <message>
        <source>Open existing service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error code {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>request id {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details: {details}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorReport</name>
    <message>
        <source>HTTP {status}</source>
        <extracomment>A service with this name exists: offer to show it (list, then get). The create may have reached the server: look it up by name before a retry. The service name the action is about (duplicate or ambiguous create).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error code: {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>request id: {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>details: {details}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authentication failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forbidden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request is too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate was not accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service had a problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That name is taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reach the service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service returned an error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Object Storage returned an error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a bug in aitems-desktop. The log file has the details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many requests for now. Try again in {s:g} seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request may have reached the service, so the service may have been created. Checking by name before you try again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request never reached the service: nothing was created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service may have been created anyway: checking by name…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExceptionDialog</name>
    <message>
        <source>Unexpected error — AiTEMS Desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong that aitems-desktop did not expect. Your work in the form is kept. Please report this text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log file: {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HpoEditor</name>
    <message>
        <source>{key}: {minimum} to {maximum}, default {default}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hyperparameter optimization (HPO)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tune the model with HPO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off: AiTEMS trains with its own algorithm and settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No option tunes the chosen training types.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the options that tune the chosen types are sent.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyringNotice</name>
    <message>
        <source>Looking for the system keyring…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret keys are kept in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No usable keyring: secret keys are kept in memory for this session only and are never written to disk. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyring in use: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LookupPanel</name>
    <message>
        <source>Rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Target ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Look Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as &amp;JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommendation type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a {field} from your data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any id (popular items ignore it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the id to look up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking up…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} results ({field})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No results for this id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied the results as JSON</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Navigator</name>
    <message>
        <source>Services ({n})</source>
        <extracomment>The selected resource changed: (kind, id); id is &quot;&quot; when nothing is selected. A resource was opened (Enter or double-click): (kind, id). The list of another kind is on screen. A context menu was asked for at a global position: (kind, id, position).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Datasets ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schemas ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter the list</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewServiceDialog</name>
    <message>
        <source>New Service</source>
        <extracomment>(service, outcome) with outcome &quot;created&quot;, &quot;recovered&quot; or &quot;already_existed&quot;. The person asked to see an existing service with the name: (name).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A create is already running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was created: it is safe to try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request may have reached the service before the cancel. Refresh the list to see whether {name} exists; creating it again is safe: an existing service with these same settings is found, not made twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request to create {name} may already have reached the service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh the list to check. Creating it again is safe: an existing service with these same settings is found, not made twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard the new service?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What you typed for the new service will be lost.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Preferences</name>
    <message>
        <source>System language ({language})</source>
        <extracomment>Every language the app speaks, with its name written in that language. The settings key; an empty value (or none) follows the system.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <extracomment>The thread writing the choice, when OK was pressed with a new one.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new language shows when AiTEMS Desktop starts again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileForm</name>
    <message>
        <source>none (e.g. http://proxy.example:3128)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>system certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Secret key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Proxy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA bundle:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stored; type a new one to replace it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the secret key that goes with the access key</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResourceListModel</name>
    <message>
        <source>Name</source>
        <extracomment>The raw value behind a cell, for tests and for whoever needs the API&apos;s own value. The resource id of the row.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResourcePage</name>
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SandboxLauncher</name>
    <message>
        <source>sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>built-in, demo data</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SchemaEditor</name>
    <message>
        <source>Field name</source>
        <extracomment>The type columns, in the order the table shows them.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{type} (console)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Categorical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required by AiTEMS for this dataset type: it cannot change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field {n} has no name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: a field name starts with a letter or _ and holds letters, digits and _.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: choose at least one type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: null alone is not a type; add the type of its values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeated field names: {names}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is a reserved keyword: its types must include {type}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A {type} schema needs the field {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate Schema {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;Reserved Keyword</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move &amp;Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move Do&amp;wn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From a CSV &amp;File…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;reate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset &amp;type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fields, in the order of the file&apos;s columns:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This dataset type has no reserved keywords</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Propose a Schema from a CSV File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv *.csv.gz);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposed from the file: check each field before creating.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be read: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3 to 20 letters, digits, _ or -, starting with a letter; not “default”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking with the service…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service accepts this schema.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service does not accept this schema.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SecretField</name>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the secret key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServiceActions</name>
    <message>
        <source>Created {name}</source>
        <extracomment>Something failed that the window should show: an ErrorReport. A short line for the status bar. Select this resource in the navigator: (kind, id).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} was created, though the answer did not arrive cleanly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} already existed with these settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no service named {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its trainings and results are deleted with it. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting {name}…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServiceForm</name>
    <message>
        <source>e.g. shop_reco</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{min} to {max} ASCII letters, digits, _ or -; the first a letter or _</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created. Change the name to create another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a name is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must start with a letter or _</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only letters, digits, _ and -</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{min} to {max} characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most {max} characters</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainDialog</name>
    <message>
        <source>Periodic Training of {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop Periodic Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Update cycle:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start Periodic Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A training cannot be stopped once it has started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service retrains on every cycle until periodic training is stopped.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingDialog</name>
    <message>
        <source>Training {type} · version {version}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingTypesBox</name>
    <message>
        <source>Training types</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingsPanel</name>
    <message>
        <source>Type</source>
        <extracomment>Something failed: an ErrorReport for the window. The trainings were read (for the updates tab): a list of Training.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh Trainings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the trainings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} trainings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No training yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UpdatesPanel</name>
    <message>
        <source>Update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Training:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show Updates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the trainings first, then choose one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} updates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No update yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorkspaceWindow</name>
    <message>
        <source>Trainings</source>
        <extracomment>File &gt; Credentials…: whoever manages profiles opens its dialog. The person picked another profile in the switcher: (profile name). The thread writing the window&apos;s state at close; the app joins it before exiting. Threads keeping a Preferences choice; the app joins them before exiting.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test Lookup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;Service…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;Dataset from a CSV File…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Sc&amp;hema…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;uplicate Schema…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;redentials…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Attach Datasets…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Train…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as &amp;JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xpand All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ollapse All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Datasets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sc&amp;hemas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AiTEMS API &amp;Documentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Log Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About AiTEMS Desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop All Calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Activity Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sche&amp;ma</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SANDBOX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Talking to the built-in local sandbox, not to NAVER Cloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile: {label}{source} · {url}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list could not be read: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It no longer exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit Description…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Periodic &amp;Training…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training of {name} requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied as JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training of {name} ended: {status}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aitems</name>
    <message>
        <source>Check that the keyring is running and unlocked, then try again.</source>
        <extracomment>The keyring &quot;service&quot; under which every profile&apos;s secret is stored. How long :meth:`CredentialStore.call` waits for the keyring by default (seconds). Long enough for a person to type a keyring password into an unlock prompt. The user name the availability probe reads. Only ever read, so a profile that happens to have this name is harmless. (No control characters: D-Bus strings cannot carry NUL.)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the check was cancelled</source>
        <extracomment>A schema field as the caller has it: the rules&apos; dataclass, ``(name, types)`` or ``(name, types, categorical)``, or the API&apos;s JSON shape ``{&quot;name&quot;, &quot;type&quot;, &quot;categorical&quot;}``. How many missing ids of an interaction file are shown as examples. Missing digests kept to find the examples in file order (see :func:`.digests.missing`). The unique key column, for a user or item file. Interaction columns cross-checked: (column index, field, kind, the other file&apos;s ids).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check that the file exists and can be read, and that there is room for the check&apos;s temporary files.</source>
        <extracomment>Kinds that are warnings; every other kind is an error. How much of a value a problem quotes. Interaction rows whose id is not in the other file. Distinct ids not in the other file. The first missing ids in file order, with the line each first appears on. Data rows read (lines after the header that hold a record; blank lines excluded). The file&apos;s size on disk; for csv.gz the compressed size. At most ``limit`` problems, in file order. How many problems of each kind were found, including those not listed. True when a problem stopped the check before the end of the file.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was changed; start the check again when you are ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the file as comma-separated UTF-8 text (in Excel: CSV UTF-8).</source>
        <extracomment>A line longer than this is not a dataset row: the file is not line-based text. Leading bytes of formats people send instead of a CSV.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <extracomment>A larger answer is an error, not a hang (a service with 20,000 infers is about 5 MB). An error body is only read this far: enough for any real error, not for a runaway page. The longest one attempt may take, from connect to the last byte of the answer. What the standard library&apos;s JSON reader raises on input it cannot take: bad syntax (ValueError), a number over Python&apos;s digit limit (ValueError) and nesting deeper than the interpreter&apos;s stack (RecursionError). What reading an answer can raise below ``requests`` when a server misbehaves. A query given as plain values (the command-line tool&apos;s lists), not as a model. Path and query exactly as on the request line; what the signature covers. The typed error&apos;s class name when the attempt failed. Guards the sessions and observers, which scoped views share. Guards this engine&apos;s (or view&apos;s) own cancel state.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection broke while the answer was arriving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A query value holds a character that cannot be sent (a lone surrogate).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request holds a character that cannot be sent (a lone surrogate); nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer is nested too deeply to read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nested too deeply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate could not be verified, so nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reach the server through the configured proxy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the proxy address in the profile (Credentials…), then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection dropped before an answer arrived.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again. If it keeps happening, check the endpoint and your network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the access key and secret key of this profile (Credentials…). Both come from the NCP console, under My Page &gt; Account Management &gt; Authentication Key Management.</source>
        <extracomment>Set by the use cases when they looked after an unclear failure and found that nothing was created or started: the same request can be sent again.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subscribe to AiTEMS in the NCP console, or ask the account owner to give this sub-account AiTEMS permission.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account may not do that. Ask the account owner for access.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the endpoint URL of this profile; the resource may have been deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many requests for now. Wait a moment, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service had a problem on its side. Try again in a minute; if it persists, check the NCP status page or contact NCP support with the request id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request is too large. Shorten the description and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose another name, or open the existing one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct the input as the message says, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check your network connection, proxy and the endpoint URL, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If you use a private endpoint or an inspecting proxy, set its CA bundle in the profile (Credentials…). Never turn verification off for the public endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something between you and AiTEMS (a proxy, a captive portal, a wrong endpoint URL) may have answered instead. Check the endpoint and proxy settings, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing else to do; start it again when you are ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct the value as the message says, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait until the resource is in a state that allows it, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not send it again blindly. Refresh the list in a minute to see whether it exists; sending the same request again is safe: it finds the existing one instead of making a second.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is still running on the service; look again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct what the message says, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the bucket name; create the bucket in the NCP console first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the object&apos;s path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These keys may not use this bucket: check the bucket&apos;s permissions, or the sub-account&apos;s Object Storage permission.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the access key and secret key of this profile; Object Storage takes the same NCP API keys as AiTEMS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set this computer&apos;s clock right (turn on automatic time), then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Object Storage had a problem on its side. Try again in a minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the Object Storage endpoint and the proxy settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check your network connection, the proxy and the endpoint, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If an inspecting proxy or a private endpoint is in the way, set its CA bundle in the profile. Never turn verification off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bucket names are 3 to 63 lower-case letters, digits, dots and hyphens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was left in the bucket; start the upload again when you are ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check that the file exists and can be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s answer is not S3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection timed out before it was made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server stopped answering (read timeout)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the upload was cancelled</source>
        <extracomment>The body goes to the socket in slices this large; cancel is looked at between them. The largest answer read; S3&apos;s answers to what this client sends are far smaller. How long the abort of a cancelled multipart upload may take before the cancel gives up on it (a new connection and one small request; far more than a distant link needs). How often the cancel flag is looked at while a request waits on the network. The whole of one request other than a part&apos;s PUT: connect, send, and the whole answer. A request began to go out: from then on a failure may have reached the server. The upload id of a multipart upload whose abort was sent, and whether it worked. What ended the upload when minio went on to abort it.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>getaddrinfo returned no address</source>
        <extracomment>True once the request began to be written: from then on it may have reached the server. A stop before that (during a connect or a TLS handshake) sent nothing.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>timed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the list took too long, so it was stopped.</source>
        <extracomment>After a 503 or 504 (the backend may still finish): keep looking this long. After any other unclear failure: keep looking this long. First pause between looks; it grows by half each time, up to ``max_interval``. Pages of a list read at most per look, and the time one look may take in all. The server answered the create with success. The create failed unclearly, and a resource with every field sent was found after. The name was taken by a resource with every field sent: an earlier attempt made it. The unclear failure it was recovered from (RECOVERED) or the duplicate (ALREADY_EXISTED).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait until the training ends (or stop the schedule), then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start periodic training instead.</source>
        <extracomment>Trainings that appeared because of this request (known when it was recovered).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach one user, one item and one interaction dataset first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for it to end; a training cannot be stopped once it has started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is not known whether the training started: the request failed unclearly and looking at the service failed too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request a training instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is not known whether the schedule changed: the request failed unclearly and looking at the service failed too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch: trains once when asked</source>
        <extracomment>What each service type means, for people (the form&apos;s choices and the result tree show it).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interval: retrains on a cycle</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Starting the sandbox…</source>
        <extracomment>Test hook: the sandbox&apos;s answer delay for --sandbox, to exercise quitting mid-call. How long quitting waits for calls in flight to notice their cancel.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading credentials…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>Training scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled training running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready to train</source>
        <extracomment>A dataset as embedded in a service reads ``learnable`` (seen in real answers only).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No datasets yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready for training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Processing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload failed (disabled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting to run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requesting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data refinement failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trains once when asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retrains on a cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One-off</source>
        <extracomment>The service type in a column, where the long words do not fit.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Periodic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personalized recommendation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Related items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Popular items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every 3 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every 6 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every 12 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hyperparameter optimization (HPO)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest idle time in a session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items used for recommendations (top N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Least appearances of an item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Least actions in a session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most recommendations per user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most related items per item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
