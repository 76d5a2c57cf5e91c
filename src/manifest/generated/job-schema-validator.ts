// @ts-nocheck -- plain JavaScript from ajv
// Generated from schemas/job.schema.json by `npm run generate:validators` (scripts/generate-validators.mjs)
// with ajv 8.20.0, {"allErrors":true,"verbose":true,"strict":true}, vocabulary patternErrorMessage, maximumHint.
// Do not edit: change the schema and run `npm run generate:validators`.
import { createRequire } from "node:module";
const requireAjvRuntime = createRequire(import.meta.url);
export const validate = validate10;
export default validate10;
const schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://streampilot.dev/schemas/job.schema.json","title":"StreamPilot Flink SQL job (jobs/<name>/job.yaml)","description":"One Flink SQL job: its SQL files, dependencies and settings.","type":"object","additionalProperties":false,"required":["apiVersion","kind","name","sql"],"properties":{"apiVersion":{"type":"string","const":"streampilot.dev/v1","description":"Version of the StreamPilot format. Always streampilot.dev/v1."},"kind":{"type":"string","const":"FlinkSqlJob","description":"Always FlinkSqlJob for job.yaml."},"name":{"type":"string","description":"Job name, equal to its folder name; used for Kubernetes object names (<name>-rest …). Lowercase letters, digits and \"-\", at most 45 characters.","maxLength":45,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","patternErrorMessage":"must be a DNS-1123 label: lowercase letters, digits and \"-\", starting and ending with a letter or digit"},"description":{"type":"string","description":"What the job does, for people."},"mode":{"type":"string","enum":["application","session"],"description":"application: its own cluster (FlinkDeployment); session: submitted to a session cluster (FlinkSessionJob). Default application."},"sql":{"type":"array","minItems":1,"items":{"type":"string","description":"SQL file relative to the job folder.","pattern":"\\.sql$","patternErrorMessage":"must be a .sql file relative to the job folder"},"description":"SQL files relative to the job folder, run in order as one script."},"dependencies":{"type":"object","additionalProperties":false,"description":"Jars the job needs beyond the base image.","properties":{"maven":{"type":"array","uniqueItems":true,"items":{"type":"string","description":"Maven coordinate group:artifact:version, or group:artifact:version:classifier.","pattern":"^[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+:[A-Za-z0-9_.+-]+(:[A-Za-z0-9_.-]+)?$","patternErrorMessage":"must be a Maven coordinate group:artifact:version, e.g. org.apache.flink:flink-sql-connector-kafka:3.3.0-1.20"},"description":"Maven coordinates (group:artifact:version[:classifier]) whose jar is fetched into the image, without transitive dependencies."},"jars":{"type":"array","uniqueItems":true,"items":{"type":"string","description":"Jar relative to the job folder.","pattern":"\\.jar$","patternErrorMessage":"must be a .jar file relative to the job folder"},"description":"Jar files relative to the job folder, copied into the image."}}},"tables":{"type":"object","additionalProperties":false,"description":"Tables the SQL uses without creating them.","properties":{"external":{"type":"array","uniqueItems":true,"items":{"type":"string","minLength":1},"description":"Tables that live in a catalog (catalog.database.table or shorter) rather than being created by the script."},"schemas":{"type":"array","uniqueItems":true,"items":{"type":"string","minLength":1,"pattern":"\\.sql$","patternErrorMessage":"must be a .sql file relative to the job folder"},"description":"SQL files, relative to the job folder, declaring the schema of catalog tables with CREATE TABLE (qualified names, or after USE CATALOG / USE). The check reads them to know those tables' columns; the runner never runs them, and the tables they declare count as external."}}},"podTemplate":{"type":"string","description":"Pod template YAML relative to the job folder, merged into the Flink pods.","pattern":"\\.ya?ml$","patternErrorMessage":"must be a .yaml file relative to the job folder"},"build":{"description":"How the job's SQL reaches its pods. A mapping: how the job's own image is built (default: the registry-native builder). configmap: no image is built; the job runs on baseImage as is (a runner image that already holds the runner jar and the connectors) and its SQL script ships in a ConfigMap, so a SQL-only change deploys without a build. configmap jobs cannot have dependencies and cannot use mode: session.","anyOf":[{"type":"string","enum":["configmap"],"description":"No image: the job runs on baseImage, its SQL script ships in a ConfigMap mounted at runner.scriptPath."},{"type":"object","additionalProperties":false,"description":"The builder of the job's own image, as a mapping (default: the registry-native builder).","properties":{"builder":{"type":"string","enum":["registry","docker"],"description":"registry: add one layer to the base image through the registry API, no Docker needed (default); docker: docker build on a Docker engine (implied by dockerfile)."},"dockerfile":{"type":"string","minLength":1,"description":"The job's own Dockerfile, relative to the job folder; its folder is the build context. Start it with ARG BASE_IMAGE and FROM ${BASE_IMAGE}.","pattern":"^(?!/)(?!.*(^|/)\\.\\.(/|$)).+$","patternErrorMessage":"must be a path relative to the job folder, inside it, e.g. Dockerfile"}}}]},"state":{"$ref":"#/definitions/state"},"allowNonRestoredState":{"$ref":"#/definitions/allowNonRestoredState"},"restoreFrom":{"$ref":"#/definitions/restoreFrom"},"flinkVersion":{"$ref":"#/definitions/flinkVersion"},"namespace":{"$ref":"#/definitions/namespace"},"baseImage":{"$ref":"#/definitions/baseImage"},"runner":{"$ref":"#/definitions/runner"},"parallelism":{"$ref":"#/definitions/parallelism"},"upgradeMode":{"$ref":"#/definitions/upgradeMode"},"resources":{"$ref":"#/definitions/resources"},"flinkConfiguration":{"$ref":"#/definitions/flinkConfiguration"},"serviceAccount":{"$ref":"#/definitions/serviceAccount"},"variables":{"$ref":"#/definitions/variables"},"secrets":{"$ref":"#/definitions/secrets"},"sessionCluster":{"$ref":"#/definitions/sessionCluster"},"environments":{"type":"object","description":"Overrides of this job per environment (names from streampilot.yaml).","additionalProperties":{"$ref":"#/definitions/environmentOverride"}}},"definitions":{"environmentOverride":{"type":"object","additionalProperties":false,"description":"Settings of this job in one environment; they win over every other layer.","properties":{"enabled":{"type":"boolean","description":"false: this job is not deployed to that environment, and if it runs there already, the deploy suspends it (its state is kept; true again resumes it). Default true."},"state":{"$ref":"#/definitions/state"},"allowNonRestoredState":{"$ref":"#/definitions/allowNonRestoredState"},"restoreFrom":{"$ref":"#/definitions/restoreFrom"},"flinkVersion":{"$ref":"#/definitions/flinkVersion"},"namespace":{"$ref":"#/definitions/namespace"},"baseImage":{"$ref":"#/definitions/baseImage"},"runner":{"$ref":"#/definitions/runner"},"parallelism":{"$ref":"#/definitions/parallelism"},"upgradeMode":{"$ref":"#/definitions/upgradeMode"},"resources":{"$ref":"#/definitions/resources"},"flinkConfiguration":{"$ref":"#/definitions/flinkConfiguration"},"serviceAccount":{"$ref":"#/definitions/serviceAccount"},"variables":{"$ref":"#/definitions/variables"},"secrets":{"$ref":"#/definitions/secrets"},"sessionCluster":{"$ref":"#/definitions/sessionCluster"}}},"flinkVersion":{"description":"Flink minor version the job runs on (the operator's FlinkVersion names minor versions only, e.g. v1_20; the patch release is the baseImage's, e.g. flink:1.20.1). Quote it: YAML reads 1.20 as the number 1.2. Default \"1.20\".","type":"string","enum":["1.17","1.18","1.19","1.20","2.0","2.1","2.2"]},"namespace":{"type":"string","description":"Kubernetes namespace the job is deployed to. Default \"default\".","pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","maxLength":63,"patternErrorMessage":"must be a Kubernetes namespace name: lowercase letters, digits and \"-\", starting and ending with a letter or digit"},"baseImage":{"type":"string","description":"Image the job image is built on. \"{{flinkVersion}}\" is replaced by the resolved Flink version. Default \"flink:{{flinkVersion}}\".","minLength":1},"runner":{"type":"object","additionalProperties":false,"required":["jarURI"],"description":"How the image runs the SQL: the jar the operator starts and its arguments. Replaced as a whole by a later layer.","properties":{"jarURI":{"type":"string","description":"URI of the runner jar, e.g. local:///opt/flink/usrlib/sql-runner.jar.","minLength":1},"args":{"type":"array","items":{"type":"string"},"description":"Arguments passed to the runner: \"{{script}}\" stands for the path of the job's SQL script in the image, \"{{sql}}\" for the SQL text itself. Default [\"{{script}}\"] in application mode, [\"{{sql}}\"] in session mode (a session cluster never sees the job's image)."},"scriptPath":{"type":"string","description":"Where the job's normalised SQL script is placed in the image. Default /opt/flink/usrlib/sql-scripts/script.sql.","pattern":"^/","patternErrorMessage":"must be an absolute path inside the image, e.g. /opt/flink/usrlib/sql/job.sql"},"entryClass":{"type":"string","description":"Main class, for runner jars whose manifest has no Main-Class entry.","minLength":1}}},"parallelism":{"type":"integer","minimum":1,"description":"Default parallelism of the job, from 1 to 32768 (Flink's upper bound). Default 1.","maximum":32768,"maximumHint":"Flink's maximum parallelism is 32768 (2^15): a larger parallelism fails when the job starts"},"upgradeMode":{"type":"string","enum":["stateless","savepoint","last-state"],"description":"How a running job is upgraded: savepoint (stop with a savepoint, restore from it), last-state (restore from the latest checkpoint), stateless (start empty). Default savepoint."},"memory":{"type":"string","description":"Total process memory: a Flink size (\"2048m\", \"2g\", \"1024mb\", bytes) or a Kubernetes binary quantity (\"2Gi\", \"1.5Gi\").","pattern":"^(?:[0-9]+ *(?:[bB]|[bB][yY][tT][eE][sS]|[kKmMgGtT][bB]?)?|[0-9]+(?:\\.[0-9]+)?(?:Ki|Mi|Gi|Ti))$","patternErrorMessage":"must be a memory size such as 2048m, 2g or 1.5Gi (fractions only with Ki/Mi/Gi/Ti)"},"cpu":{"type":"number","exclusiveMinimum":0,"description":"CPU cores, e.g. 0.5, 1, 2."},"resources":{"type":"object","additionalProperties":false,"description":"CPU, memory and replicas of the JobManager and TaskManagers. Merged key by key across layers.","properties":{"jobManager":{"type":"object","additionalProperties":false,"description":"JobManager resources.","properties":{"cpu":{"$ref":"#/definitions/cpu"},"memory":{"$ref":"#/definitions/memory"},"replicas":{"type":"integer","minimum":1,"description":"JobManager replicas (more than 1 needs high availability configured).","maximum":2147483647,"maximumHint":"the Flink operator reads replicas as a 32-bit integer"}}},"taskManager":{"type":"object","additionalProperties":false,"description":"TaskManager resources.","properties":{"cpu":{"$ref":"#/definitions/cpu"},"memory":{"$ref":"#/definitions/memory"},"replicas":{"type":"integer","minimum":1,"description":"Fixed number of TaskManagers (otherwise derived from parallelism and task slots).","maximum":2147483647,"maximumHint":"the Flink operator reads replicas as a 32-bit integer"},"taskSlots":{"type":"integer","minimum":1,"description":"Task slots per TaskManager (taskmanager.numberOfTaskSlots).","maximum":2147483647,"maximumHint":"Flink reads taskmanager.numberOfTaskSlots as a 32-bit integer"}}}}},"flinkConfiguration":{"type":"object","description":"Flink configuration entries (flink-conf), e.g. execution.checkpointing.interval: 30s. Values are strings: quote true, false and numbers. Merged key by key across layers.","propertyNames":{"minLength":1},"additionalProperties":{"type":"string"}},"serviceAccount":{"type":"string","description":"Kubernetes service account the Flink pods run as.","minLength":1,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","maxLength":253,"patternErrorMessage":"must be a Kubernetes service account name: lowercase letters, digits, \"-\" and \".\", starting and ending with a letter or digit"},"variables":{"type":"object","description":"Values for ${name} placeholders in the SQL. Values are strings. Merged key by key across layers.","propertyNames":{"pattern":"^[A-Za-z_][A-Za-z0-9_.-]*$","patternErrorMessage":"must be a variable name: a letter or _, then letters, digits, _, . or -"},"additionalProperties":{"type":"string"}},"secrets":{"type":"object","description":"Variables whose values live in Kubernetes Secrets of the job's namespace, e.g. db_password: { secret: orders-db, key: password }. StreamPilot renders only references (secretKeyRef) and never reads the values; the job's runner fills ${name} in at start. Merged key by key across layers, like variables; a name may not be in both.","propertyNames":{"pattern":"^[A-Za-z_][A-Za-z0-9_.-]*$","patternErrorMessage":"must be a variable name: a letter or _, then letters, digits, _, . or -"},"additionalProperties":{"type":"object","additionalProperties":false,"required":["secret","key"],"properties":{"secret":{"type":"string","description":"Name of the Kubernetes Secret in the job's namespace.","minLength":1,"maxLength":253,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","patternErrorMessage":"must be a Kubernetes Secret name (DNS-1123 subdomain): lowercase letters, digits, \"-\" and \".\", starting and ending with a letter or digit"},"key":{"type":"string","description":"Key in the Secret's data.","minLength":1,"maxLength":253,"pattern":"^(?!\\.\\.?$)(?!\\.\\.)[-._a-zA-Z0-9]+$","patternErrorMessage":"must be a Secret key: letters, digits, \"-\", \"_\" and \".\", not \".\" or \"..\" and not starting with \"..\""}}}},"sessionCluster":{"type":"string","description":"Session mode: name of the session cluster (FlinkDeployment) the job is submitted to.","pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","maxLength":45,"patternErrorMessage":"must be a FlinkDeployment name: lowercase letters, digits and \"-\""},"state":{"type":"string","enum":["running","suspended"],"description":"running: the job runs (default). suspended: the operator stops it and keeps its resource and its state (a savepoint under upgradeMode savepoint); running again resumes it from there. Rendered as spec.job.state."},"allowNonRestoredState":{"type":"boolean","description":"true: a restore (upgrade or restoreFrom) may drop state that no operator of the new job claims, instead of failing. Rendered as spec.job.allowNonRestoredState; it takes effect at the next restore."},"restoreFrom":{"type":"object","additionalProperties":false,"required":["savepoint"],"description":"Start the job from this savepoint or retained checkpoint, also when it already runs: setting or changing it restarts the job from there (its current state is dropped). Rendered as spec.job.initialSavepointPath and a savepointRedeployNonce derived from it.","properties":{"savepoint":{"type":"string","minLength":1,"description":"Savepoint or retained checkpoint directory, as a URI the job's file systems read: s3://bucket/savepoints/savepoint-1a2b3c-0123456789ab, gs://…, hdfs://…, file:///….","pattern":"^[A-Za-z][A-Za-z0-9+.-]*://\\S+$","patternErrorMessage":"must be a savepoint URI with a scheme and no spaces, e.g. s3://bucket/savepoints/savepoint-1a2b3c-0123456789ab"},"redeploy":{"type":"integer","minimum":1,"maximum":2147483647,"maximumHint":"a counter only needs to change: start at 1 and add 1","description":"Change it (1, 2, …) to restart from the same savepoint once more; the job restarts whenever savepoint or redeploy change."}}}}};
const schema12 = {"type":"string","enum":["running","suspended"],"description":"running: the job runs (default). suspended: the operator stops it and keeps its resource and its state (a savepoint under upgradeMode savepoint); running again resumes it from there. Rendered as spec.job.state."};
const schema13 = {"type":"boolean","description":"true: a restore (upgrade or restoreFrom) may drop state that no operator of the new job claims, instead of failing. Rendered as spec.job.allowNonRestoredState; it takes effect at the next restore."};
const schema14 = {"type":"object","additionalProperties":false,"required":["savepoint"],"description":"Start the job from this savepoint or retained checkpoint, also when it already runs: setting or changing it restarts the job from there (its current state is dropped). Rendered as spec.job.initialSavepointPath and a savepointRedeployNonce derived from it.","properties":{"savepoint":{"type":"string","minLength":1,"description":"Savepoint or retained checkpoint directory, as a URI the job's file systems read: s3://bucket/savepoints/savepoint-1a2b3c-0123456789ab, gs://…, hdfs://…, file:///….","pattern":"^[A-Za-z][A-Za-z0-9+.-]*://\\S+$","patternErrorMessage":"must be a savepoint URI with a scheme and no spaces, e.g. s3://bucket/savepoints/savepoint-1a2b3c-0123456789ab"},"redeploy":{"type":"integer","minimum":1,"maximum":2147483647,"maximumHint":"a counter only needs to change: start at 1 and add 1","description":"Change it (1, 2, …) to restart from the same savepoint once more; the job restarts whenever savepoint or redeploy change."}}};
const schema15 = {"description":"Flink minor version the job runs on (the operator's FlinkVersion names minor versions only, e.g. v1_20; the patch release is the baseImage's, e.g. flink:1.20.1). Quote it: YAML reads 1.20 as the number 1.2. Default \"1.20\".","type":"string","enum":["1.17","1.18","1.19","1.20","2.0","2.1","2.2"]};
const schema16 = {"type":"string","description":"Kubernetes namespace the job is deployed to. Default \"default\".","pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","maxLength":63,"patternErrorMessage":"must be a Kubernetes namespace name: lowercase letters, digits and \"-\", starting and ending with a letter or digit"};
const schema17 = {"type":"string","description":"Image the job image is built on. \"{{flinkVersion}}\" is replaced by the resolved Flink version. Default \"flink:{{flinkVersion}}\".","minLength":1};
const schema18 = {"type":"object","additionalProperties":false,"required":["jarURI"],"description":"How the image runs the SQL: the jar the operator starts and its arguments. Replaced as a whole by a later layer.","properties":{"jarURI":{"type":"string","description":"URI of the runner jar, e.g. local:///opt/flink/usrlib/sql-runner.jar.","minLength":1},"args":{"type":"array","items":{"type":"string"},"description":"Arguments passed to the runner: \"{{script}}\" stands for the path of the job's SQL script in the image, \"{{sql}}\" for the SQL text itself. Default [\"{{script}}\"] in application mode, [\"{{sql}}\"] in session mode (a session cluster never sees the job's image)."},"scriptPath":{"type":"string","description":"Where the job's normalised SQL script is placed in the image. Default /opt/flink/usrlib/sql-scripts/script.sql.","pattern":"^/","patternErrorMessage":"must be an absolute path inside the image, e.g. /opt/flink/usrlib/sql/job.sql"},"entryClass":{"type":"string","description":"Main class, for runner jars whose manifest has no Main-Class entry.","minLength":1}}};
const schema19 = {"type":"integer","minimum":1,"description":"Default parallelism of the job, from 1 to 32768 (Flink's upper bound). Default 1.","maximum":32768,"maximumHint":"Flink's maximum parallelism is 32768 (2^15): a larger parallelism fails when the job starts"};
const schema20 = {"type":"string","enum":["stateless","savepoint","last-state"],"description":"How a running job is upgraded: savepoint (stop with a savepoint, restore from it), last-state (restore from the latest checkpoint), stateless (start empty). Default savepoint."};
const schema26 = {"type":"object","description":"Flink configuration entries (flink-conf), e.g. execution.checkpointing.interval: 30s. Values are strings: quote true, false and numbers. Merged key by key across layers.","propertyNames":{"minLength":1},"additionalProperties":{"type":"string"}};
const schema27 = {"type":"string","description":"Kubernetes service account the Flink pods run as.","minLength":1,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","maxLength":253,"patternErrorMessage":"must be a Kubernetes service account name: lowercase letters, digits, \"-\" and \".\", starting and ending with a letter or digit"};
const schema28 = {"type":"object","description":"Values for ${name} placeholders in the SQL. Values are strings. Merged key by key across layers.","propertyNames":{"pattern":"^[A-Za-z_][A-Za-z0-9_.-]*$","patternErrorMessage":"must be a variable name: a letter or _, then letters, digits, _, . or -"},"additionalProperties":{"type":"string"}};
const schema29 = {"type":"object","description":"Variables whose values live in Kubernetes Secrets of the job's namespace, e.g. db_password: { secret: orders-db, key: password }. StreamPilot renders only references (secretKeyRef) and never reads the values; the job's runner fills ${name} in at start. Merged key by key across layers, like variables; a name may not be in both.","propertyNames":{"pattern":"^[A-Za-z_][A-Za-z0-9_.-]*$","patternErrorMessage":"must be a variable name: a letter or _, then letters, digits, _, . or -"},"additionalProperties":{"type":"object","additionalProperties":false,"required":["secret","key"],"properties":{"secret":{"type":"string","description":"Name of the Kubernetes Secret in the job's namespace.","minLength":1,"maxLength":253,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","patternErrorMessage":"must be a Kubernetes Secret name (DNS-1123 subdomain): lowercase letters, digits, \"-\" and \".\", starting and ending with a letter or digit"},"key":{"type":"string","description":"Key in the Secret's data.","minLength":1,"maxLength":253,"pattern":"^(?!\\.\\.?$)(?!\\.\\.)[-._a-zA-Z0-9]+$","patternErrorMessage":"must be a Secret key: letters, digits, \"-\", \"_\" and \".\", not \".\" or \"..\" and not starting with \"..\""}}}};
const schema30 = {"type":"string","description":"Session mode: name of the session cluster (FlinkDeployment) the job is submitted to.","pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","maxLength":45,"patternErrorMessage":"must be a FlinkDeployment name: lowercase letters, digits and \"-\""};
const func2 = Object.prototype.hasOwnProperty;
const func3 = requireAjvRuntime("ajv/dist/runtime/ucs2length").default;
const pattern0 = new RegExp("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", "u");
const pattern1 = new RegExp("\\.sql$", "u");
const pattern2 = new RegExp("^[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+:[A-Za-z0-9_.+-]+(:[A-Za-z0-9_.-]+)?$", "u");
const pattern3 = new RegExp("\\.jar$", "u");
const pattern5 = new RegExp("\\.ya?ml$", "u");
const pattern6 = new RegExp("^(?!/)(?!.*(^|/)\\.\\.(/|$)).+$", "u");
const pattern7 = new RegExp("^[A-Za-z][A-Za-z0-9+.-]*://\\S+$", "u");
const pattern9 = new RegExp("^/", "u");
const pattern12 = new RegExp("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", "u");
const pattern13 = new RegExp("^[A-Za-z_][A-Za-z0-9_.-]*$", "u");
const pattern16 = new RegExp("^(?!\\.\\.?$)(?!\\.\\.)[-._a-zA-Z0-9]+$", "u");
const schema21 = {"type":"object","additionalProperties":false,"description":"CPU, memory and replicas of the JobManager and TaskManagers. Merged key by key across layers.","properties":{"jobManager":{"type":"object","additionalProperties":false,"description":"JobManager resources.","properties":{"cpu":{"$ref":"#/definitions/cpu"},"memory":{"$ref":"#/definitions/memory"},"replicas":{"type":"integer","minimum":1,"description":"JobManager replicas (more than 1 needs high availability configured).","maximum":2147483647,"maximumHint":"the Flink operator reads replicas as a 32-bit integer"}}},"taskManager":{"type":"object","additionalProperties":false,"description":"TaskManager resources.","properties":{"cpu":{"$ref":"#/definitions/cpu"},"memory":{"$ref":"#/definitions/memory"},"replicas":{"type":"integer","minimum":1,"description":"Fixed number of TaskManagers (otherwise derived from parallelism and task slots).","maximum":2147483647,"maximumHint":"the Flink operator reads replicas as a 32-bit integer"},"taskSlots":{"type":"integer","minimum":1,"description":"Task slots per TaskManager (taskmanager.numberOfTaskSlots).","maximum":2147483647,"maximumHint":"Flink reads taskmanager.numberOfTaskSlots as a 32-bit integer"}}}}};
const schema22 = {"type":"number","exclusiveMinimum":0,"description":"CPU cores, e.g. 0.5, 1, 2."};
const schema23 = {"type":"string","description":"Total process memory: a Flink size (\"2048m\", \"2g\", \"1024mb\", bytes) or a Kubernetes binary quantity (\"2Gi\", \"1.5Gi\").","pattern":"^(?:[0-9]+ *(?:[bB]|[bB][yY][tT][eE][sS]|[kKmMgGtT][bB]?)?|[0-9]+(?:\\.[0-9]+)?(?:Ki|Mi|Gi|Ti))$","patternErrorMessage":"must be a memory size such as 2048m, 2g or 1.5Gi (fractions only with Ki/Mi/Gi/Ti)"};
const pattern10 = new RegExp("^(?:[0-9]+ *(?:[bB]|[bB][yY][tT][eE][sS]|[kKmMgGtT][bB]?)?|[0-9]+(?:\\.[0-9]+)?(?:Ki|Mi|Gi|Ti))$", "u");

function validate11(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((key0 === "jobManager") || (key0 === "taskManager"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema21,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.jobManager !== undefined){
let data0 = data.jobManager;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
for(const key1 in data0){
if(!(((key1 === "cpu") || (key1 === "memory")) || (key1 === "replicas"))){
const err1 = {instancePath:instancePath+"/jobManager",schemaPath:"#/properties/jobManager/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema21.properties.jobManager,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data0.cpu !== undefined){
let data1 = data0.cpu;
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 <= 0 || isNaN(data1)){
const err2 = {instancePath:instancePath+"/jobManager/cpu",schemaPath:"#/definitions/cpu/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema22,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/jobManager/cpu",schemaPath:"#/definitions/cpu/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema22.type,parentSchema:schema22,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data0.memory !== undefined){
let data2 = data0.memory;
if(typeof data2 === "string"){
if(!pattern10.test(data2)){
const err4 = {instancePath:instancePath+"/jobManager/memory",schemaPath:"#/definitions/memory/pattern",keyword:"pattern",params:{pattern: "^(?:[0-9]+ *(?:[bB]|[bB][yY][tT][eE][sS]|[kKmMgGtT][bB]?)?|[0-9]+(?:\\.[0-9]+)?(?:Ki|Mi|Gi|Ti))$"},message:"must match pattern \""+"^(?:[0-9]+ *(?:[bB]|[bB][yY][tT][eE][sS]|[kKmMgGtT][bB]?)?|[0-9]+(?:\\.[0-9]+)?(?:Ki|Mi|Gi|Ti))$"+"\"",schema:"^(?:[0-9]+ *(?:[bB]|[bB][yY][tT][eE][sS]|[kKmMgGtT][bB]?)?|[0-9]+(?:\\.[0-9]+)?(?:Ki|Mi|Gi|Ti))$",parentSchema:schema23,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/jobManager/memory",schemaPath:"#/definitions/memory/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema23.type,parentSchema:schema23,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data0.replicas !== undefined){
let data3 = data0.replicas;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err6 = {instancePath:instancePath+"/jobManager/replicas",schemaPath:"#/properties/jobManager/properties/replicas/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema21.properties.jobManager.properties.replicas.type,parentSchema:schema21.properties.jobManager.properties.replicas,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 > 2147483647 || isNaN(data3)){
const err7 = {instancePath:instancePath+"/jobManager/replicas",schemaPath:"#/properties/jobManager/properties/replicas/maximum",keyword:"maximum",params:{comparison: "<=", limit: 2147483647},message:"must be <= 2147483647",schema:2147483647,parentSchema:schema21.properties.jobManager.properties.replicas,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data3 < 1 || isNaN(data3)){
const err8 = {instancePath:instancePath+"/jobManager/replicas",schemaPath:"#/properties/jobManager/properties/replicas/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema21.properties.jobManager.properties.replicas,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
}
else {
const err9 = {instancePath:instancePath+"/jobManager",schemaPath:"#/properties/jobManager/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema21.properties.jobManager.type,parentSchema:schema21.properties.jobManager,data:data0};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.taskManager !== undefined){
let data4 = data.taskManager;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
for(const key2 in data4){
if(!((((key2 === "cpu") || (key2 === "memory")) || (key2 === "replicas")) || (key2 === "taskSlots"))){
const err10 = {instancePath:instancePath+"/taskManager",schemaPath:"#/properties/taskManager/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema21.properties.taskManager,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data4.cpu !== undefined){
let data5 = data4.cpu;
if((typeof data5 == "number") && (isFinite(data5))){
if(data5 <= 0 || isNaN(data5)){
const err11 = {instancePath:instancePath+"/taskManager/cpu",schemaPath:"#/definitions/cpu/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema22,data:data5};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/taskManager/cpu",schemaPath:"#/definitions/cpu/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema22.type,parentSchema:schema22,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data4.memory !== undefined){
let data6 = data4.memory;
if(typeof data6 === "string"){
if(!pattern10.test(data6)){
const err13 = {instancePath:instancePath+"/taskManager/memory",schemaPath:"#/definitions/memory/pattern",keyword:"pattern",params:{pattern: "^(?:[0-9]+ *(?:[bB]|[bB][yY][tT][eE][sS]|[kKmMgGtT][bB]?)?|[0-9]+(?:\\.[0-9]+)?(?:Ki|Mi|Gi|Ti))$"},message:"must match pattern \""+"^(?:[0-9]+ *(?:[bB]|[bB][yY][tT][eE][sS]|[kKmMgGtT][bB]?)?|[0-9]+(?:\\.[0-9]+)?(?:Ki|Mi|Gi|Ti))$"+"\"",schema:"^(?:[0-9]+ *(?:[bB]|[bB][yY][tT][eE][sS]|[kKmMgGtT][bB]?)?|[0-9]+(?:\\.[0-9]+)?(?:Ki|Mi|Gi|Ti))$",parentSchema:schema23,data:data6};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/taskManager/memory",schemaPath:"#/definitions/memory/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema23.type,parentSchema:schema23,data:data6};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data4.replicas !== undefined){
let data7 = data4.replicas;
if(!(((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7))) && (isFinite(data7)))){
const err15 = {instancePath:instancePath+"/taskManager/replicas",schemaPath:"#/properties/taskManager/properties/replicas/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema21.properties.taskManager.properties.replicas.type,parentSchema:schema21.properties.taskManager.properties.replicas,data:data7};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if((typeof data7 == "number") && (isFinite(data7))){
if(data7 > 2147483647 || isNaN(data7)){
const err16 = {instancePath:instancePath+"/taskManager/replicas",schemaPath:"#/properties/taskManager/properties/replicas/maximum",keyword:"maximum",params:{comparison: "<=", limit: 2147483647},message:"must be <= 2147483647",schema:2147483647,parentSchema:schema21.properties.taskManager.properties.replicas,data:data7};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(data7 < 1 || isNaN(data7)){
const err17 = {instancePath:instancePath+"/taskManager/replicas",schemaPath:"#/properties/taskManager/properties/replicas/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema21.properties.taskManager.properties.replicas,data:data7};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
if(data4.taskSlots !== undefined){
let data8 = data4.taskSlots;
if(!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))){
const err18 = {instancePath:instancePath+"/taskManager/taskSlots",schemaPath:"#/properties/taskManager/properties/taskSlots/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema21.properties.taskManager.properties.taskSlots.type,parentSchema:schema21.properties.taskManager.properties.taskSlots,data:data8};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 > 2147483647 || isNaN(data8)){
const err19 = {instancePath:instancePath+"/taskManager/taskSlots",schemaPath:"#/properties/taskManager/properties/taskSlots/maximum",keyword:"maximum",params:{comparison: "<=", limit: 2147483647},message:"must be <= 2147483647",schema:2147483647,parentSchema:schema21.properties.taskManager.properties.taskSlots,data:data8};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(data8 < 1 || isNaN(data8)){
const err20 = {instancePath:instancePath+"/taskManager/taskSlots",schemaPath:"#/properties/taskManager/properties/taskSlots/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema21.properties.taskManager.properties.taskSlots,data:data8};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
}
else {
const err21 = {instancePath:instancePath+"/taskManager",schemaPath:"#/properties/taskManager/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema21.properties.taskManager.type,parentSchema:schema21.properties.taskManager,data:data4};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
else {
const err22 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema21.type,parentSchema:schema21,data};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
validate11.errors = vErrors;
return errors === 0;
}

const schema31 = {"type":"object","additionalProperties":false,"description":"Settings of this job in one environment; they win over every other layer.","properties":{"enabled":{"type":"boolean","description":"false: this job is not deployed to that environment, and if it runs there already, the deploy suspends it (its state is kept; true again resumes it). Default true."},"state":{"$ref":"#/definitions/state"},"allowNonRestoredState":{"$ref":"#/definitions/allowNonRestoredState"},"restoreFrom":{"$ref":"#/definitions/restoreFrom"},"flinkVersion":{"$ref":"#/definitions/flinkVersion"},"namespace":{"$ref":"#/definitions/namespace"},"baseImage":{"$ref":"#/definitions/baseImage"},"runner":{"$ref":"#/definitions/runner"},"parallelism":{"$ref":"#/definitions/parallelism"},"upgradeMode":{"$ref":"#/definitions/upgradeMode"},"resources":{"$ref":"#/definitions/resources"},"flinkConfiguration":{"$ref":"#/definitions/flinkConfiguration"},"serviceAccount":{"$ref":"#/definitions/serviceAccount"},"variables":{"$ref":"#/definitions/variables"},"secrets":{"$ref":"#/definitions/secrets"},"sessionCluster":{"$ref":"#/definitions/sessionCluster"}}};

function validate13(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(func2.call(schema31.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.enabled !== undefined){
let data0 = data.enabled;
if(typeof data0 !== "boolean"){
const err1 = {instancePath:instancePath+"/enabled",schemaPath:"#/properties/enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema31.properties.enabled.type,parentSchema:schema31.properties.enabled,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.state !== undefined){
let data1 = data.state;
if(typeof data1 !== "string"){
const err2 = {instancePath:instancePath+"/state",schemaPath:"#/definitions/state/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(!((data1 === "running") || (data1 === "suspended"))){
const err3 = {instancePath:instancePath+"/state",schemaPath:"#/definitions/state/enum",keyword:"enum",params:{allowedValues: schema12.enum},message:"must be equal to one of the allowed values",schema:schema12.enum,parentSchema:schema12,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.allowNonRestoredState !== undefined){
let data2 = data.allowNonRestoredState;
if(typeof data2 !== "boolean"){
const err4 = {instancePath:instancePath+"/allowNonRestoredState",schemaPath:"#/definitions/allowNonRestoredState/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema13.type,parentSchema:schema13,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.restoreFrom !== undefined){
let data3 = data.restoreFrom;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
if(data3.savepoint === undefined){
const err5 = {instancePath:instancePath+"/restoreFrom",schemaPath:"#/definitions/restoreFrom/required",keyword:"required",params:{missingProperty: "savepoint"},message:"must have required property '"+"savepoint"+"'",schema:schema14.required,parentSchema:schema14,data:data3};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
for(const key1 in data3){
if(!((key1 === "savepoint") || (key1 === "redeploy"))){
const err6 = {instancePath:instancePath+"/restoreFrom",schemaPath:"#/definitions/restoreFrom/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema14,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data3.savepoint !== undefined){
let data4 = data3.savepoint;
if(typeof data4 === "string"){
if(func3(data4) < 1){
const err7 = {instancePath:instancePath+"/restoreFrom/savepoint",schemaPath:"#/definitions/restoreFrom/properties/savepoint/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema14.properties.savepoint,data:data4};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(!pattern7.test(data4)){
const err8 = {instancePath:instancePath+"/restoreFrom/savepoint",schemaPath:"#/definitions/restoreFrom/properties/savepoint/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z][A-Za-z0-9+.-]*://\\S+$"},message:"must match pattern \""+"^[A-Za-z][A-Za-z0-9+.-]*://\\S+$"+"\"",schema:"^[A-Za-z][A-Za-z0-9+.-]*://\\S+$",parentSchema:schema14.properties.savepoint,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/restoreFrom/savepoint",schemaPath:"#/definitions/restoreFrom/properties/savepoint/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.properties.savepoint.type,parentSchema:schema14.properties.savepoint,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data3.redeploy !== undefined){
let data5 = data3.redeploy;
if(!(((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5))) && (isFinite(data5)))){
const err10 = {instancePath:instancePath+"/restoreFrom/redeploy",schemaPath:"#/definitions/restoreFrom/properties/redeploy/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema14.properties.redeploy.type,parentSchema:schema14.properties.redeploy,data:data5};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if((typeof data5 == "number") && (isFinite(data5))){
if(data5 > 2147483647 || isNaN(data5)){
const err11 = {instancePath:instancePath+"/restoreFrom/redeploy",schemaPath:"#/definitions/restoreFrom/properties/redeploy/maximum",keyword:"maximum",params:{comparison: "<=", limit: 2147483647},message:"must be <= 2147483647",schema:2147483647,parentSchema:schema14.properties.redeploy,data:data5};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(data5 < 1 || isNaN(data5)){
const err12 = {instancePath:instancePath+"/restoreFrom/redeploy",schemaPath:"#/definitions/restoreFrom/properties/redeploy/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema14.properties.redeploy,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
}
else {
const err13 = {instancePath:instancePath+"/restoreFrom",schemaPath:"#/definitions/restoreFrom/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema14.type,parentSchema:schema14,data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.flinkVersion !== undefined){
let data6 = data.flinkVersion;
if(typeof data6 !== "string"){
const err14 = {instancePath:instancePath+"/flinkVersion",schemaPath:"#/definitions/flinkVersion/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.type,parentSchema:schema15,data:data6};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(!(((((((data6 === "1.17") || (data6 === "1.18")) || (data6 === "1.19")) || (data6 === "1.20")) || (data6 === "2.0")) || (data6 === "2.1")) || (data6 === "2.2"))){
const err15 = {instancePath:instancePath+"/flinkVersion",schemaPath:"#/definitions/flinkVersion/enum",keyword:"enum",params:{allowedValues: schema15.enum},message:"must be equal to one of the allowed values",schema:schema15.enum,parentSchema:schema15,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.namespace !== undefined){
let data7 = data.namespace;
if(typeof data7 === "string"){
if(func3(data7) > 63){
const err16 = {instancePath:instancePath+"/namespace",schemaPath:"#/definitions/namespace/maxLength",keyword:"maxLength",params:{limit: 63},message:"must NOT have more than 63 characters",schema:63,parentSchema:schema16,data:data7};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(!pattern0.test(data7)){
const err17 = {instancePath:instancePath+"/namespace",schemaPath:"#/definitions/namespace/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",parentSchema:schema16,data:data7};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/namespace",schemaPath:"#/definitions/namespace/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.type,parentSchema:schema16,data:data7};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.baseImage !== undefined){
let data8 = data.baseImage;
if(typeof data8 === "string"){
if(func3(data8) < 1){
const err19 = {instancePath:instancePath+"/baseImage",schemaPath:"#/definitions/baseImage/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema17,data:data8};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath:instancePath+"/baseImage",schemaPath:"#/definitions/baseImage/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.type,parentSchema:schema17,data:data8};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.runner !== undefined){
let data9 = data.runner;
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
if(data9.jarURI === undefined){
const err21 = {instancePath:instancePath+"/runner",schemaPath:"#/definitions/runner/required",keyword:"required",params:{missingProperty: "jarURI"},message:"must have required property '"+"jarURI"+"'",schema:schema18.required,parentSchema:schema18,data:data9};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
for(const key2 in data9){
if(!((((key2 === "jarURI") || (key2 === "args")) || (key2 === "scriptPath")) || (key2 === "entryClass"))){
const err22 = {instancePath:instancePath+"/runner",schemaPath:"#/definitions/runner/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema18,data:data9};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data9.jarURI !== undefined){
let data10 = data9.jarURI;
if(typeof data10 === "string"){
if(func3(data10) < 1){
const err23 = {instancePath:instancePath+"/runner/jarURI",schemaPath:"#/definitions/runner/properties/jarURI/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema18.properties.jarURI,data:data10};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath:instancePath+"/runner/jarURI",schemaPath:"#/definitions/runner/properties/jarURI/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema18.properties.jarURI.type,parentSchema:schema18.properties.jarURI,data:data10};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data9.args !== undefined){
let data11 = data9.args;
if(Array.isArray(data11)){
const len0 = data11.length;
for(let i0=0; i0<len0; i0++){
let data12 = data11[i0];
if(typeof data12 !== "string"){
const err25 = {instancePath:instancePath+"/runner/args/" + i0,schemaPath:"#/definitions/runner/properties/args/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema18.properties.args.items.type,parentSchema:schema18.properties.args.items,data:data12};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
}
else {
const err26 = {instancePath:instancePath+"/runner/args",schemaPath:"#/definitions/runner/properties/args/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema18.properties.args.type,parentSchema:schema18.properties.args,data:data11};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data9.scriptPath !== undefined){
let data13 = data9.scriptPath;
if(typeof data13 === "string"){
if(!pattern9.test(data13)){
const err27 = {instancePath:instancePath+"/runner/scriptPath",schemaPath:"#/definitions/runner/properties/scriptPath/pattern",keyword:"pattern",params:{pattern: "^/"},message:"must match pattern \""+"^/"+"\"",schema:"^/",parentSchema:schema18.properties.scriptPath,data:data13};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
else {
const err28 = {instancePath:instancePath+"/runner/scriptPath",schemaPath:"#/definitions/runner/properties/scriptPath/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema18.properties.scriptPath.type,parentSchema:schema18.properties.scriptPath,data:data13};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data9.entryClass !== undefined){
let data14 = data9.entryClass;
if(typeof data14 === "string"){
if(func3(data14) < 1){
const err29 = {instancePath:instancePath+"/runner/entryClass",schemaPath:"#/definitions/runner/properties/entryClass/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema18.properties.entryClass,data:data14};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
else {
const err30 = {instancePath:instancePath+"/runner/entryClass",schemaPath:"#/definitions/runner/properties/entryClass/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema18.properties.entryClass.type,parentSchema:schema18.properties.entryClass,data:data14};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
}
else {
const err31 = {instancePath:instancePath+"/runner",schemaPath:"#/definitions/runner/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema18.type,parentSchema:schema18,data:data9};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data.parallelism !== undefined){
let data15 = data.parallelism;
if(!(((typeof data15 == "number") && (!(data15 % 1) && !isNaN(data15))) && (isFinite(data15)))){
const err32 = {instancePath:instancePath+"/parallelism",schemaPath:"#/definitions/parallelism/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema19.type,parentSchema:schema19,data:data15};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
if((typeof data15 == "number") && (isFinite(data15))){
if(data15 > 32768 || isNaN(data15)){
const err33 = {instancePath:instancePath+"/parallelism",schemaPath:"#/definitions/parallelism/maximum",keyword:"maximum",params:{comparison: "<=", limit: 32768},message:"must be <= 32768",schema:32768,parentSchema:schema19,data:data15};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
if(data15 < 1 || isNaN(data15)){
const err34 = {instancePath:instancePath+"/parallelism",schemaPath:"#/definitions/parallelism/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema19,data:data15};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
}
if(data.upgradeMode !== undefined){
let data16 = data.upgradeMode;
if(typeof data16 !== "string"){
const err35 = {instancePath:instancePath+"/upgradeMode",schemaPath:"#/definitions/upgradeMode/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema20.type,parentSchema:schema20,data:data16};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
if(!(((data16 === "stateless") || (data16 === "savepoint")) || (data16 === "last-state"))){
const err36 = {instancePath:instancePath+"/upgradeMode",schemaPath:"#/definitions/upgradeMode/enum",keyword:"enum",params:{allowedValues: schema20.enum},message:"must be equal to one of the allowed values",schema:schema20.enum,parentSchema:schema20,data:data16};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data.resources !== undefined){
if(!(validate11(data.resources, {instancePath:instancePath+"/resources",parentData:data,parentDataProperty:"resources",rootData}))){
vErrors = vErrors === null ? validate11.errors : vErrors.concat(validate11.errors);
errors = vErrors.length;
}
}
if(data.flinkConfiguration !== undefined){
let data18 = data.flinkConfiguration;
if(data18 && typeof data18 == "object" && !Array.isArray(data18)){
for(const key3 in data18){
const _errs51 = errors;
if(typeof key3 === "string"){
if(func3(key3) < 1){
const err37 = {instancePath:instancePath+"/flinkConfiguration",schemaPath:"#/definitions/flinkConfiguration/propertyNames/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema26.propertyNames,data:key3,propertyName:key3};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
var valid15 = _errs51 === errors;
if(!valid15){
const err38 = {instancePath:instancePath+"/flinkConfiguration",schemaPath:"#/definitions/flinkConfiguration/propertyNames",keyword:"propertyNames",params:{propertyName: key3},message:"property name must be valid",schema:schema26.propertyNames,parentSchema:schema26,data:data18};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
for(const key4 in data18){
let data19 = data18[key4];
if(typeof data19 !== "string"){
const err39 = {instancePath:instancePath+"/flinkConfiguration/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/flinkConfiguration/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema26.additionalProperties.type,parentSchema:schema26.additionalProperties,data:data19};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
}
else {
const err40 = {instancePath:instancePath+"/flinkConfiguration",schemaPath:"#/definitions/flinkConfiguration/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema26.type,parentSchema:schema26,data:data18};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
if(data.serviceAccount !== undefined){
let data20 = data.serviceAccount;
if(typeof data20 === "string"){
if(func3(data20) > 253){
const err41 = {instancePath:instancePath+"/serviceAccount",schemaPath:"#/definitions/serviceAccount/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters",schema:253,parentSchema:schema27,data:data20};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
if(func3(data20) < 1){
const err42 = {instancePath:instancePath+"/serviceAccount",schemaPath:"#/definitions/serviceAccount/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema27,data:data20};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
if(!pattern12.test(data20)){
const err43 = {instancePath:instancePath+"/serviceAccount",schemaPath:"#/definitions/serviceAccount/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"+"\"",schema:"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",parentSchema:schema27,data:data20};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
else {
const err44 = {instancePath:instancePath+"/serviceAccount",schemaPath:"#/definitions/serviceAccount/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.type,parentSchema:schema27,data:data20};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
if(data.variables !== undefined){
let data21 = data.variables;
if(data21 && typeof data21 == "object" && !Array.isArray(data21)){
for(const key5 in data21){
const _errs61 = errors;
if(typeof key5 === "string"){
if(!pattern13.test(key5)){
const err45 = {instancePath:instancePath+"/variables",schemaPath:"#/definitions/variables/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_.-]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_.-]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_.-]*$",parentSchema:schema28.propertyNames,data:key5,propertyName:key5};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
var valid19 = _errs61 === errors;
if(!valid19){
const err46 = {instancePath:instancePath+"/variables",schemaPath:"#/definitions/variables/propertyNames",keyword:"propertyNames",params:{propertyName: key5},message:"property name must be valid",schema:schema28.propertyNames,parentSchema:schema28,data:data21};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
for(const key6 in data21){
let data22 = data21[key6];
if(typeof data22 !== "string"){
const err47 = {instancePath:instancePath+"/variables/" + key6.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/variables/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema28.additionalProperties.type,parentSchema:schema28.additionalProperties,data:data22};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
}
else {
const err48 = {instancePath:instancePath+"/variables",schemaPath:"#/definitions/variables/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema28.type,parentSchema:schema28,data:data21};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
if(data.secrets !== undefined){
let data23 = data.secrets;
if(data23 && typeof data23 == "object" && !Array.isArray(data23)){
for(const key7 in data23){
const _errs68 = errors;
if(typeof key7 === "string"){
if(!pattern13.test(key7)){
const err49 = {instancePath:instancePath+"/secrets",schemaPath:"#/definitions/secrets/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_.-]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_.-]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_.-]*$",parentSchema:schema29.propertyNames,data:key7,propertyName:key7};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
var valid22 = _errs68 === errors;
if(!valid22){
const err50 = {instancePath:instancePath+"/secrets",schemaPath:"#/definitions/secrets/propertyNames",keyword:"propertyNames",params:{propertyName: key7},message:"property name must be valid",schema:schema29.propertyNames,parentSchema:schema29,data:data23};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
for(const key8 in data23){
let data24 = data23[key8];
if(data24 && typeof data24 == "object" && !Array.isArray(data24)){
if(data24.secret === undefined){
const err51 = {instancePath:instancePath+"/secrets/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/secrets/additionalProperties/required",keyword:"required",params:{missingProperty: "secret"},message:"must have required property '"+"secret"+"'",schema:schema29.additionalProperties.required,parentSchema:schema29.additionalProperties,data:data24};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
if(data24.key === undefined){
const err52 = {instancePath:instancePath+"/secrets/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/secrets/additionalProperties/required",keyword:"required",params:{missingProperty: "key"},message:"must have required property '"+"key"+"'",schema:schema29.additionalProperties.required,parentSchema:schema29.additionalProperties,data:data24};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
for(const key9 in data24){
if(!((key9 === "secret") || (key9 === "key"))){
const err53 = {instancePath:instancePath+"/secrets/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/secrets/additionalProperties/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key9},message:"must NOT have additional properties",schema:false,parentSchema:schema29.additionalProperties,data:data24};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
if(data24.secret !== undefined){
let data25 = data24.secret;
if(typeof data25 === "string"){
if(func3(data25) > 253){
const err54 = {instancePath:instancePath+"/secrets/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/secret",schemaPath:"#/definitions/secrets/additionalProperties/properties/secret/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters",schema:253,parentSchema:schema29.additionalProperties.properties.secret,data:data25};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
if(func3(data25) < 1){
const err55 = {instancePath:instancePath+"/secrets/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/secret",schemaPath:"#/definitions/secrets/additionalProperties/properties/secret/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema29.additionalProperties.properties.secret,data:data25};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
if(!pattern12.test(data25)){
const err56 = {instancePath:instancePath+"/secrets/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/secret",schemaPath:"#/definitions/secrets/additionalProperties/properties/secret/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"+"\"",schema:"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",parentSchema:schema29.additionalProperties.properties.secret,data:data25};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
else {
const err57 = {instancePath:instancePath+"/secrets/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/secret",schemaPath:"#/definitions/secrets/additionalProperties/properties/secret/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema29.additionalProperties.properties.secret.type,parentSchema:schema29.additionalProperties.properties.secret,data:data25};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
if(data24.key !== undefined){
let data26 = data24.key;
if(typeof data26 === "string"){
if(func3(data26) > 253){
const err58 = {instancePath:instancePath+"/secrets/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/key",schemaPath:"#/definitions/secrets/additionalProperties/properties/key/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters",schema:253,parentSchema:schema29.additionalProperties.properties.key,data:data26};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
if(func3(data26) < 1){
const err59 = {instancePath:instancePath+"/secrets/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/key",schemaPath:"#/definitions/secrets/additionalProperties/properties/key/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema29.additionalProperties.properties.key,data:data26};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
if(!pattern16.test(data26)){
const err60 = {instancePath:instancePath+"/secrets/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/key",schemaPath:"#/definitions/secrets/additionalProperties/properties/key/pattern",keyword:"pattern",params:{pattern: "^(?!\\.\\.?$)(?!\\.\\.)[-._a-zA-Z0-9]+$"},message:"must match pattern \""+"^(?!\\.\\.?$)(?!\\.\\.)[-._a-zA-Z0-9]+$"+"\"",schema:"^(?!\\.\\.?$)(?!\\.\\.)[-._a-zA-Z0-9]+$",parentSchema:schema29.additionalProperties.properties.key,data:data26};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
else {
const err61 = {instancePath:instancePath+"/secrets/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/key",schemaPath:"#/definitions/secrets/additionalProperties/properties/key/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema29.additionalProperties.properties.key.type,parentSchema:schema29.additionalProperties.properties.key,data:data26};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
}
else {
const err62 = {instancePath:instancePath+"/secrets/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/secrets/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema29.additionalProperties.type,parentSchema:schema29.additionalProperties,data:data24};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
}
else {
const err63 = {instancePath:instancePath+"/secrets",schemaPath:"#/definitions/secrets/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema29.type,parentSchema:schema29,data:data23};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
if(data.sessionCluster !== undefined){
let data27 = data.sessionCluster;
if(typeof data27 === "string"){
if(func3(data27) > 45){
const err64 = {instancePath:instancePath+"/sessionCluster",schemaPath:"#/definitions/sessionCluster/maxLength",keyword:"maxLength",params:{limit: 45},message:"must NOT have more than 45 characters",schema:45,parentSchema:schema30,data:data27};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
if(!pattern0.test(data27)){
const err65 = {instancePath:instancePath+"/sessionCluster",schemaPath:"#/definitions/sessionCluster/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",parentSchema:schema30,data:data27};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
else {
const err66 = {instancePath:instancePath+"/sessionCluster",schemaPath:"#/definitions/sessionCluster/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema30.type,parentSchema:schema30,data:data27};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
}
else {
const err67 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.type,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
validate13.errors = vErrors;
return errors === 0;
}


function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://streampilot.dev/schemas/job.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.apiVersion === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "apiVersion"},message:"must have required property '"+"apiVersion"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.kind === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.name === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.sql === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "sql"},message:"must have required property '"+"sql"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema11.properties, key0))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.apiVersion !== undefined){
let data0 = data.apiVersion;
if(typeof data0 !== "string"){
const err5 = {instancePath:instancePath+"/apiVersion",schemaPath:"#/properties/apiVersion/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.apiVersion.type,parentSchema:schema11.properties.apiVersion,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if("streampilot.dev/v1" !== data0){
const err6 = {instancePath:instancePath+"/apiVersion",schemaPath:"#/properties/apiVersion/const",keyword:"const",params:{allowedValue: "streampilot.dev/v1"},message:"must be equal to constant",schema:"streampilot.dev/v1",parentSchema:schema11.properties.apiVersion,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.kind !== undefined){
let data1 = data.kind;
if(typeof data1 !== "string"){
const err7 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.kind.type,parentSchema:schema11.properties.kind,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if("FlinkSqlJob" !== data1){
const err8 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "FlinkSqlJob"},message:"must be equal to constant",schema:"FlinkSqlJob",parentSchema:schema11.properties.kind,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.name !== undefined){
let data2 = data.name;
if(typeof data2 === "string"){
if(func3(data2) > 45){
const err9 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/maxLength",keyword:"maxLength",params:{limit: 45},message:"must NOT have more than 45 characters",schema:45,parentSchema:schema11.properties.name,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(!pattern0.test(data2)){
const err10 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",parentSchema:schema11.properties.name,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.name.type,parentSchema:schema11.properties.name,data:data2};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.description !== undefined){
let data3 = data.description;
if(typeof data3 !== "string"){
const err12 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.description.type,parentSchema:schema11.properties.description,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.mode !== undefined){
let data4 = data.mode;
if(typeof data4 !== "string"){
const err13 = {instancePath:instancePath+"/mode",schemaPath:"#/properties/mode/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.mode.type,parentSchema:schema11.properties.mode,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(!((data4 === "application") || (data4 === "session"))){
const err14 = {instancePath:instancePath+"/mode",schemaPath:"#/properties/mode/enum",keyword:"enum",params:{allowedValues: schema11.properties.mode.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.mode.enum,parentSchema:schema11.properties.mode,data:data4};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.sql !== undefined){
let data5 = data.sql;
if(Array.isArray(data5)){
if(data5.length < 1){
const err15 = {instancePath:instancePath+"/sql",schemaPath:"#/properties/sql/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema11.properties.sql,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
const len0 = data5.length;
for(let i0=0; i0<len0; i0++){
let data6 = data5[i0];
if(typeof data6 === "string"){
if(!pattern1.test(data6)){
const err16 = {instancePath:instancePath+"/sql/" + i0,schemaPath:"#/properties/sql/items/pattern",keyword:"pattern",params:{pattern: "\\.sql$"},message:"must match pattern \""+"\\.sql$"+"\"",schema:"\\.sql$",parentSchema:schema11.properties.sql.items,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/sql/" + i0,schemaPath:"#/properties/sql/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.sql.items.type,parentSchema:schema11.properties.sql.items,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath:instancePath+"/sql",schemaPath:"#/properties/sql/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.sql.type,parentSchema:schema11.properties.sql,data:data5};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.dependencies !== undefined){
let data7 = data.dependencies;
if(data7 && typeof data7 == "object" && !Array.isArray(data7)){
for(const key1 in data7){
if(!((key1 === "maven") || (key1 === "jars"))){
const err19 = {instancePath:instancePath+"/dependencies",schemaPath:"#/properties/dependencies/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.dependencies,data:data7};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data7.maven !== undefined){
let data8 = data7.maven;
if(Array.isArray(data8)){
const len1 = data8.length;
for(let i1=0; i1<len1; i1++){
let data9 = data8[i1];
if(typeof data9 === "string"){
if(!pattern2.test(data9)){
const err20 = {instancePath:instancePath+"/dependencies/maven/" + i1,schemaPath:"#/properties/dependencies/properties/maven/items/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+:[A-Za-z0-9_.+-]+(:[A-Za-z0-9_.-]+)?$"},message:"must match pattern \""+"^[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+:[A-Za-z0-9_.+-]+(:[A-Za-z0-9_.-]+)?$"+"\"",schema:"^[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+:[A-Za-z0-9_.+-]+(:[A-Za-z0-9_.-]+)?$",parentSchema:schema11.properties.dependencies.properties.maven.items,data:data9};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath:instancePath+"/dependencies/maven/" + i1,schemaPath:"#/properties/dependencies/properties/maven/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.dependencies.properties.maven.items.type,parentSchema:schema11.properties.dependencies.properties.maven.items,data:data9};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
let i2 = data8.length;
let j0;
if(i2 > 1){
const indices0 = {};
for(;i2--;){
let item0 = data8[i2];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err22 = {instancePath:instancePath+"/dependencies/maven",schemaPath:"#/properties/dependencies/properties/maven/uniqueItems",keyword:"uniqueItems",params:{i: i2, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i2+" are identical)",schema:true,parentSchema:schema11.properties.dependencies.properties.maven,data:data8};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
break;
}
indices0[item0] = i2;
}
}
}
else {
const err23 = {instancePath:instancePath+"/dependencies/maven",schemaPath:"#/properties/dependencies/properties/maven/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.dependencies.properties.maven.type,parentSchema:schema11.properties.dependencies.properties.maven,data:data8};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data7.jars !== undefined){
let data10 = data7.jars;
if(Array.isArray(data10)){
const len2 = data10.length;
for(let i3=0; i3<len2; i3++){
let data11 = data10[i3];
if(typeof data11 === "string"){
if(!pattern3.test(data11)){
const err24 = {instancePath:instancePath+"/dependencies/jars/" + i3,schemaPath:"#/properties/dependencies/properties/jars/items/pattern",keyword:"pattern",params:{pattern: "\\.jar$"},message:"must match pattern \""+"\\.jar$"+"\"",schema:"\\.jar$",parentSchema:schema11.properties.dependencies.properties.jars.items,data:data11};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
else {
const err25 = {instancePath:instancePath+"/dependencies/jars/" + i3,schemaPath:"#/properties/dependencies/properties/jars/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.dependencies.properties.jars.items.type,parentSchema:schema11.properties.dependencies.properties.jars.items,data:data11};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
let i4 = data10.length;
let j1;
if(i4 > 1){
const indices1 = {};
for(;i4--;){
let item1 = data10[i4];
if(typeof item1 !== "string"){
continue;
}
if(typeof indices1[item1] == "number"){
j1 = indices1[item1];
const err26 = {instancePath:instancePath+"/dependencies/jars",schemaPath:"#/properties/dependencies/properties/jars/uniqueItems",keyword:"uniqueItems",params:{i: i4, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i4+" are identical)",schema:true,parentSchema:schema11.properties.dependencies.properties.jars,data:data10};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
break;
}
indices1[item1] = i4;
}
}
}
else {
const err27 = {instancePath:instancePath+"/dependencies/jars",schemaPath:"#/properties/dependencies/properties/jars/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.dependencies.properties.jars.type,parentSchema:schema11.properties.dependencies.properties.jars,data:data10};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
}
else {
const err28 = {instancePath:instancePath+"/dependencies",schemaPath:"#/properties/dependencies/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.dependencies.type,parentSchema:schema11.properties.dependencies,data:data7};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data.tables !== undefined){
let data12 = data.tables;
if(data12 && typeof data12 == "object" && !Array.isArray(data12)){
for(const key2 in data12){
if(!((key2 === "external") || (key2 === "schemas"))){
const err29 = {instancePath:instancePath+"/tables",schemaPath:"#/properties/tables/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.tables,data:data12};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data12.external !== undefined){
let data13 = data12.external;
if(Array.isArray(data13)){
const len3 = data13.length;
for(let i5=0; i5<len3; i5++){
let data14 = data13[i5];
if(typeof data14 === "string"){
if(func3(data14) < 1){
const err30 = {instancePath:instancePath+"/tables/external/" + i5,schemaPath:"#/properties/tables/properties/external/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.tables.properties.external.items,data:data14};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
else {
const err31 = {instancePath:instancePath+"/tables/external/" + i5,schemaPath:"#/properties/tables/properties/external/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.tables.properties.external.items.type,parentSchema:schema11.properties.tables.properties.external.items,data:data14};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
let i6 = data13.length;
let j2;
if(i6 > 1){
const indices2 = {};
for(;i6--;){
let item2 = data13[i6];
if(typeof item2 !== "string"){
continue;
}
if(typeof indices2[item2] == "number"){
j2 = indices2[item2];
const err32 = {instancePath:instancePath+"/tables/external",schemaPath:"#/properties/tables/properties/external/uniqueItems",keyword:"uniqueItems",params:{i: i6, j: j2},message:"must NOT have duplicate items (items ## "+j2+" and "+i6+" are identical)",schema:true,parentSchema:schema11.properties.tables.properties.external,data:data13};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
break;
}
indices2[item2] = i6;
}
}
}
else {
const err33 = {instancePath:instancePath+"/tables/external",schemaPath:"#/properties/tables/properties/external/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.tables.properties.external.type,parentSchema:schema11.properties.tables.properties.external,data:data13};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data12.schemas !== undefined){
let data15 = data12.schemas;
if(Array.isArray(data15)){
const len4 = data15.length;
for(let i7=0; i7<len4; i7++){
let data16 = data15[i7];
if(typeof data16 === "string"){
if(func3(data16) < 1){
const err34 = {instancePath:instancePath+"/tables/schemas/" + i7,schemaPath:"#/properties/tables/properties/schemas/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.tables.properties.schemas.items,data:data16};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
if(!pattern1.test(data16)){
const err35 = {instancePath:instancePath+"/tables/schemas/" + i7,schemaPath:"#/properties/tables/properties/schemas/items/pattern",keyword:"pattern",params:{pattern: "\\.sql$"},message:"must match pattern \""+"\\.sql$"+"\"",schema:"\\.sql$",parentSchema:schema11.properties.tables.properties.schemas.items,data:data16};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
else {
const err36 = {instancePath:instancePath+"/tables/schemas/" + i7,schemaPath:"#/properties/tables/properties/schemas/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.tables.properties.schemas.items.type,parentSchema:schema11.properties.tables.properties.schemas.items,data:data16};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
let i8 = data15.length;
let j3;
if(i8 > 1){
const indices3 = {};
for(;i8--;){
let item3 = data15[i8];
if(typeof item3 !== "string"){
continue;
}
if(typeof indices3[item3] == "number"){
j3 = indices3[item3];
const err37 = {instancePath:instancePath+"/tables/schemas",schemaPath:"#/properties/tables/properties/schemas/uniqueItems",keyword:"uniqueItems",params:{i: i8, j: j3},message:"must NOT have duplicate items (items ## "+j3+" and "+i8+" are identical)",schema:true,parentSchema:schema11.properties.tables.properties.schemas,data:data15};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
break;
}
indices3[item3] = i8;
}
}
}
else {
const err38 = {instancePath:instancePath+"/tables/schemas",schemaPath:"#/properties/tables/properties/schemas/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.tables.properties.schemas.type,parentSchema:schema11.properties.tables.properties.schemas,data:data15};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
}
else {
const err39 = {instancePath:instancePath+"/tables",schemaPath:"#/properties/tables/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.tables.type,parentSchema:schema11.properties.tables,data:data12};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data.podTemplate !== undefined){
let data17 = data.podTemplate;
if(typeof data17 === "string"){
if(!pattern5.test(data17)){
const err40 = {instancePath:instancePath+"/podTemplate",schemaPath:"#/properties/podTemplate/pattern",keyword:"pattern",params:{pattern: "\\.ya?ml$"},message:"must match pattern \""+"\\.ya?ml$"+"\"",schema:"\\.ya?ml$",parentSchema:schema11.properties.podTemplate,data:data17};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
else {
const err41 = {instancePath:instancePath+"/podTemplate",schemaPath:"#/properties/podTemplate/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.podTemplate.type,parentSchema:schema11.properties.podTemplate,data:data17};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
if(data.build !== undefined){
let data18 = data.build;
const _errs41 = errors;
let valid17 = false;
const _errs42 = errors;
if(typeof data18 !== "string"){
const err42 = {instancePath:instancePath+"/build",schemaPath:"#/properties/build/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.build.anyOf[0].type,parentSchema:schema11.properties.build.anyOf[0],data:data18};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
if(!(data18 === "configmap")){
const err43 = {instancePath:instancePath+"/build",schemaPath:"#/properties/build/anyOf/0/enum",keyword:"enum",params:{allowedValues: schema11.properties.build.anyOf[0].enum},message:"must be equal to one of the allowed values",schema:schema11.properties.build.anyOf[0].enum,parentSchema:schema11.properties.build.anyOf[0],data:data18};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
var _valid0 = _errs42 === errors;
valid17 = valid17 || _valid0;
if(!valid17){
const _errs44 = errors;
if(data18 && typeof data18 == "object" && !Array.isArray(data18)){
for(const key3 in data18){
if(!((key3 === "builder") || (key3 === "dockerfile"))){
const err44 = {instancePath:instancePath+"/build",schemaPath:"#/properties/build/anyOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.build.anyOf[1],data:data18};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
if(data18.builder !== undefined){
let data19 = data18.builder;
if(typeof data19 !== "string"){
const err45 = {instancePath:instancePath+"/build/builder",schemaPath:"#/properties/build/anyOf/1/properties/builder/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.build.anyOf[1].properties.builder.type,parentSchema:schema11.properties.build.anyOf[1].properties.builder,data:data19};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
if(!((data19 === "registry") || (data19 === "docker"))){
const err46 = {instancePath:instancePath+"/build/builder",schemaPath:"#/properties/build/anyOf/1/properties/builder/enum",keyword:"enum",params:{allowedValues: schema11.properties.build.anyOf[1].properties.builder.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.build.anyOf[1].properties.builder.enum,parentSchema:schema11.properties.build.anyOf[1].properties.builder,data:data19};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
if(data18.dockerfile !== undefined){
let data20 = data18.dockerfile;
if(typeof data20 === "string"){
if(func3(data20) < 1){
const err47 = {instancePath:instancePath+"/build/dockerfile",schemaPath:"#/properties/build/anyOf/1/properties/dockerfile/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.build.anyOf[1].properties.dockerfile,data:data20};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
if(!pattern6.test(data20)){
const err48 = {instancePath:instancePath+"/build/dockerfile",schemaPath:"#/properties/build/anyOf/1/properties/dockerfile/pattern",keyword:"pattern",params:{pattern: "^(?!/)(?!.*(^|/)\\.\\.(/|$)).+$"},message:"must match pattern \""+"^(?!/)(?!.*(^|/)\\.\\.(/|$)).+$"+"\"",schema:"^(?!/)(?!.*(^|/)\\.\\.(/|$)).+$",parentSchema:schema11.properties.build.anyOf[1].properties.dockerfile,data:data20};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
else {
const err49 = {instancePath:instancePath+"/build/dockerfile",schemaPath:"#/properties/build/anyOf/1/properties/dockerfile/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.build.anyOf[1].properties.dockerfile.type,parentSchema:schema11.properties.build.anyOf[1].properties.dockerfile,data:data20};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
}
else {
const err50 = {instancePath:instancePath+"/build",schemaPath:"#/properties/build/anyOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.build.anyOf[1].type,parentSchema:schema11.properties.build.anyOf[1],data:data18};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
var _valid0 = _errs44 === errors;
valid17 = valid17 || _valid0;
}
if(!valid17){
const err51 = {instancePath:instancePath+"/build",schemaPath:"#/properties/build/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema11.properties.build.anyOf,parentSchema:schema11.properties.build,data:data18};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
else {
errors = _errs41;
if(vErrors !== null){
if(_errs41){
vErrors.length = _errs41;
}
else {
vErrors = null;
}
}
}
}
if(data.state !== undefined){
let data21 = data.state;
if(typeof data21 !== "string"){
const err52 = {instancePath:instancePath+"/state",schemaPath:"#/definitions/state/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data21};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
if(!((data21 === "running") || (data21 === "suspended"))){
const err53 = {instancePath:instancePath+"/state",schemaPath:"#/definitions/state/enum",keyword:"enum",params:{allowedValues: schema12.enum},message:"must be equal to one of the allowed values",schema:schema12.enum,parentSchema:schema12,data:data21};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
if(data.allowNonRestoredState !== undefined){
let data22 = data.allowNonRestoredState;
if(typeof data22 !== "boolean"){
const err54 = {instancePath:instancePath+"/allowNonRestoredState",schemaPath:"#/definitions/allowNonRestoredState/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema13.type,parentSchema:schema13,data:data22};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
if(data.restoreFrom !== undefined){
let data23 = data.restoreFrom;
if(data23 && typeof data23 == "object" && !Array.isArray(data23)){
if(data23.savepoint === undefined){
const err55 = {instancePath:instancePath+"/restoreFrom",schemaPath:"#/definitions/restoreFrom/required",keyword:"required",params:{missingProperty: "savepoint"},message:"must have required property '"+"savepoint"+"'",schema:schema14.required,parentSchema:schema14,data:data23};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
for(const key4 in data23){
if(!((key4 === "savepoint") || (key4 === "redeploy"))){
const err56 = {instancePath:instancePath+"/restoreFrom",schemaPath:"#/definitions/restoreFrom/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema14,data:data23};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
if(data23.savepoint !== undefined){
let data24 = data23.savepoint;
if(typeof data24 === "string"){
if(func3(data24) < 1){
const err57 = {instancePath:instancePath+"/restoreFrom/savepoint",schemaPath:"#/definitions/restoreFrom/properties/savepoint/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema14.properties.savepoint,data:data24};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
if(!pattern7.test(data24)){
const err58 = {instancePath:instancePath+"/restoreFrom/savepoint",schemaPath:"#/definitions/restoreFrom/properties/savepoint/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z][A-Za-z0-9+.-]*://\\S+$"},message:"must match pattern \""+"^[A-Za-z][A-Za-z0-9+.-]*://\\S+$"+"\"",schema:"^[A-Za-z][A-Za-z0-9+.-]*://\\S+$",parentSchema:schema14.properties.savepoint,data:data24};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
else {
const err59 = {instancePath:instancePath+"/restoreFrom/savepoint",schemaPath:"#/definitions/restoreFrom/properties/savepoint/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.properties.savepoint.type,parentSchema:schema14.properties.savepoint,data:data24};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
if(data23.redeploy !== undefined){
let data25 = data23.redeploy;
if(!(((typeof data25 == "number") && (!(data25 % 1) && !isNaN(data25))) && (isFinite(data25)))){
const err60 = {instancePath:instancePath+"/restoreFrom/redeploy",schemaPath:"#/definitions/restoreFrom/properties/redeploy/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema14.properties.redeploy.type,parentSchema:schema14.properties.redeploy,data:data25};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
if((typeof data25 == "number") && (isFinite(data25))){
if(data25 > 2147483647 || isNaN(data25)){
const err61 = {instancePath:instancePath+"/restoreFrom/redeploy",schemaPath:"#/definitions/restoreFrom/properties/redeploy/maximum",keyword:"maximum",params:{comparison: "<=", limit: 2147483647},message:"must be <= 2147483647",schema:2147483647,parentSchema:schema14.properties.redeploy,data:data25};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
if(data25 < 1 || isNaN(data25)){
const err62 = {instancePath:instancePath+"/restoreFrom/redeploy",schemaPath:"#/definitions/restoreFrom/properties/redeploy/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema14.properties.redeploy,data:data25};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
}
}
else {
const err63 = {instancePath:instancePath+"/restoreFrom",schemaPath:"#/definitions/restoreFrom/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema14.type,parentSchema:schema14,data:data23};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
if(data.flinkVersion !== undefined){
let data26 = data.flinkVersion;
if(typeof data26 !== "string"){
const err64 = {instancePath:instancePath+"/flinkVersion",schemaPath:"#/definitions/flinkVersion/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.type,parentSchema:schema15,data:data26};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
if(!(((((((data26 === "1.17") || (data26 === "1.18")) || (data26 === "1.19")) || (data26 === "1.20")) || (data26 === "2.0")) || (data26 === "2.1")) || (data26 === "2.2"))){
const err65 = {instancePath:instancePath+"/flinkVersion",schemaPath:"#/definitions/flinkVersion/enum",keyword:"enum",params:{allowedValues: schema15.enum},message:"must be equal to one of the allowed values",schema:schema15.enum,parentSchema:schema15,data:data26};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
if(data.namespace !== undefined){
let data27 = data.namespace;
if(typeof data27 === "string"){
if(func3(data27) > 63){
const err66 = {instancePath:instancePath+"/namespace",schemaPath:"#/definitions/namespace/maxLength",keyword:"maxLength",params:{limit: 63},message:"must NOT have more than 63 characters",schema:63,parentSchema:schema16,data:data27};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
if(!pattern0.test(data27)){
const err67 = {instancePath:instancePath+"/namespace",schemaPath:"#/definitions/namespace/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",parentSchema:schema16,data:data27};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
else {
const err68 = {instancePath:instancePath+"/namespace",schemaPath:"#/definitions/namespace/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.type,parentSchema:schema16,data:data27};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
if(data.baseImage !== undefined){
let data28 = data.baseImage;
if(typeof data28 === "string"){
if(func3(data28) < 1){
const err69 = {instancePath:instancePath+"/baseImage",schemaPath:"#/definitions/baseImage/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema17,data:data28};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
else {
const err70 = {instancePath:instancePath+"/baseImage",schemaPath:"#/definitions/baseImage/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.type,parentSchema:schema17,data:data28};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
if(data.runner !== undefined){
let data29 = data.runner;
if(data29 && typeof data29 == "object" && !Array.isArray(data29)){
if(data29.jarURI === undefined){
const err71 = {instancePath:instancePath+"/runner",schemaPath:"#/definitions/runner/required",keyword:"required",params:{missingProperty: "jarURI"},message:"must have required property '"+"jarURI"+"'",schema:schema18.required,parentSchema:schema18,data:data29};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
for(const key5 in data29){
if(!((((key5 === "jarURI") || (key5 === "args")) || (key5 === "scriptPath")) || (key5 === "entryClass"))){
const err72 = {instancePath:instancePath+"/runner",schemaPath:"#/definitions/runner/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema18,data:data29};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
}
if(data29.jarURI !== undefined){
let data30 = data29.jarURI;
if(typeof data30 === "string"){
if(func3(data30) < 1){
const err73 = {instancePath:instancePath+"/runner/jarURI",schemaPath:"#/definitions/runner/properties/jarURI/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema18.properties.jarURI,data:data30};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
}
else {
const err74 = {instancePath:instancePath+"/runner/jarURI",schemaPath:"#/definitions/runner/properties/jarURI/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema18.properties.jarURI.type,parentSchema:schema18.properties.jarURI,data:data30};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
if(data29.args !== undefined){
let data31 = data29.args;
if(Array.isArray(data31)){
const len5 = data31.length;
for(let i9=0; i9<len5; i9++){
let data32 = data31[i9];
if(typeof data32 !== "string"){
const err75 = {instancePath:instancePath+"/runner/args/" + i9,schemaPath:"#/definitions/runner/properties/args/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema18.properties.args.items.type,parentSchema:schema18.properties.args.items,data:data32};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
}
}
else {
const err76 = {instancePath:instancePath+"/runner/args",schemaPath:"#/definitions/runner/properties/args/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema18.properties.args.type,parentSchema:schema18.properties.args,data:data31};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
}
if(data29.scriptPath !== undefined){
let data33 = data29.scriptPath;
if(typeof data33 === "string"){
if(!pattern9.test(data33)){
const err77 = {instancePath:instancePath+"/runner/scriptPath",schemaPath:"#/definitions/runner/properties/scriptPath/pattern",keyword:"pattern",params:{pattern: "^/"},message:"must match pattern \""+"^/"+"\"",schema:"^/",parentSchema:schema18.properties.scriptPath,data:data33};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
}
else {
const err78 = {instancePath:instancePath+"/runner/scriptPath",schemaPath:"#/definitions/runner/properties/scriptPath/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema18.properties.scriptPath.type,parentSchema:schema18.properties.scriptPath,data:data33};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
}
if(data29.entryClass !== undefined){
let data34 = data29.entryClass;
if(typeof data34 === "string"){
if(func3(data34) < 1){
const err79 = {instancePath:instancePath+"/runner/entryClass",schemaPath:"#/definitions/runner/properties/entryClass/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema18.properties.entryClass,data:data34};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
}
else {
const err80 = {instancePath:instancePath+"/runner/entryClass",schemaPath:"#/definitions/runner/properties/entryClass/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema18.properties.entryClass.type,parentSchema:schema18.properties.entryClass,data:data34};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
}
}
else {
const err81 = {instancePath:instancePath+"/runner",schemaPath:"#/definitions/runner/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema18.type,parentSchema:schema18,data:data29};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
}
if(data.parallelism !== undefined){
let data35 = data.parallelism;
if(!(((typeof data35 == "number") && (!(data35 % 1) && !isNaN(data35))) && (isFinite(data35)))){
const err82 = {instancePath:instancePath+"/parallelism",schemaPath:"#/definitions/parallelism/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema19.type,parentSchema:schema19,data:data35};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
if((typeof data35 == "number") && (isFinite(data35))){
if(data35 > 32768 || isNaN(data35)){
const err83 = {instancePath:instancePath+"/parallelism",schemaPath:"#/definitions/parallelism/maximum",keyword:"maximum",params:{comparison: "<=", limit: 32768},message:"must be <= 32768",schema:32768,parentSchema:schema19,data:data35};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
if(data35 < 1 || isNaN(data35)){
const err84 = {instancePath:instancePath+"/parallelism",schemaPath:"#/definitions/parallelism/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema19,data:data35};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
}
}
if(data.upgradeMode !== undefined){
let data36 = data.upgradeMode;
if(typeof data36 !== "string"){
const err85 = {instancePath:instancePath+"/upgradeMode",schemaPath:"#/definitions/upgradeMode/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema20.type,parentSchema:schema20,data:data36};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
if(!(((data36 === "stateless") || (data36 === "savepoint")) || (data36 === "last-state"))){
const err86 = {instancePath:instancePath+"/upgradeMode",schemaPath:"#/definitions/upgradeMode/enum",keyword:"enum",params:{allowedValues: schema20.enum},message:"must be equal to one of the allowed values",schema:schema20.enum,parentSchema:schema20,data:data36};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
}
if(data.resources !== undefined){
if(!(validate11(data.resources, {instancePath:instancePath+"/resources",parentData:data,parentDataProperty:"resources",rootData}))){
vErrors = vErrors === null ? validate11.errors : vErrors.concat(validate11.errors);
errors = vErrors.length;
}
}
if(data.flinkConfiguration !== undefined){
let data38 = data.flinkConfiguration;
if(data38 && typeof data38 == "object" && !Array.isArray(data38)){
for(const key6 in data38){
const _errs98 = errors;
if(typeof key6 === "string"){
if(func3(key6) < 1){
const err87 = {instancePath:instancePath+"/flinkConfiguration",schemaPath:"#/definitions/flinkConfiguration/propertyNames/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema26.propertyNames,data:key6,propertyName:key6};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
}
var valid33 = _errs98 === errors;
if(!valid33){
const err88 = {instancePath:instancePath+"/flinkConfiguration",schemaPath:"#/definitions/flinkConfiguration/propertyNames",keyword:"propertyNames",params:{propertyName: key6},message:"property name must be valid",schema:schema26.propertyNames,parentSchema:schema26,data:data38};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
}
for(const key7 in data38){
let data39 = data38[key7];
if(typeof data39 !== "string"){
const err89 = {instancePath:instancePath+"/flinkConfiguration/" + key7.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/flinkConfiguration/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema26.additionalProperties.type,parentSchema:schema26.additionalProperties,data:data39};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
}
}
else {
const err90 = {instancePath:instancePath+"/flinkConfiguration",schemaPath:"#/definitions/flinkConfiguration/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema26.type,parentSchema:schema26,data:data38};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
}
if(data.serviceAccount !== undefined){
let data40 = data.serviceAccount;
if(typeof data40 === "string"){
if(func3(data40) > 253){
const err91 = {instancePath:instancePath+"/serviceAccount",schemaPath:"#/definitions/serviceAccount/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters",schema:253,parentSchema:schema27,data:data40};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
if(func3(data40) < 1){
const err92 = {instancePath:instancePath+"/serviceAccount",schemaPath:"#/definitions/serviceAccount/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema27,data:data40};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
if(!pattern12.test(data40)){
const err93 = {instancePath:instancePath+"/serviceAccount",schemaPath:"#/definitions/serviceAccount/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"+"\"",schema:"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",parentSchema:schema27,data:data40};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
}
else {
const err94 = {instancePath:instancePath+"/serviceAccount",schemaPath:"#/definitions/serviceAccount/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.type,parentSchema:schema27,data:data40};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
}
if(data.variables !== undefined){
let data41 = data.variables;
if(data41 && typeof data41 == "object" && !Array.isArray(data41)){
for(const key8 in data41){
const _errs108 = errors;
if(typeof key8 === "string"){
if(!pattern13.test(key8)){
const err95 = {instancePath:instancePath+"/variables",schemaPath:"#/definitions/variables/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_.-]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_.-]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_.-]*$",parentSchema:schema28.propertyNames,data:key8,propertyName:key8};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
}
var valid37 = _errs108 === errors;
if(!valid37){
const err96 = {instancePath:instancePath+"/variables",schemaPath:"#/definitions/variables/propertyNames",keyword:"propertyNames",params:{propertyName: key8},message:"property name must be valid",schema:schema28.propertyNames,parentSchema:schema28,data:data41};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
}
}
for(const key9 in data41){
let data42 = data41[key9];
if(typeof data42 !== "string"){
const err97 = {instancePath:instancePath+"/variables/" + key9.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/variables/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema28.additionalProperties.type,parentSchema:schema28.additionalProperties,data:data42};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
}
}
}
else {
const err98 = {instancePath:instancePath+"/variables",schemaPath:"#/definitions/variables/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema28.type,parentSchema:schema28,data:data41};
if(vErrors === null){
vErrors = [err98];
}
else {
vErrors.push(err98);
}
errors++;
}
}
if(data.secrets !== undefined){
let data43 = data.secrets;
if(data43 && typeof data43 == "object" && !Array.isArray(data43)){
for(const key10 in data43){
const _errs115 = errors;
if(typeof key10 === "string"){
if(!pattern13.test(key10)){
const err99 = {instancePath:instancePath+"/secrets",schemaPath:"#/definitions/secrets/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_.-]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_.-]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_.-]*$",parentSchema:schema29.propertyNames,data:key10,propertyName:key10};
if(vErrors === null){
vErrors = [err99];
}
else {
vErrors.push(err99);
}
errors++;
}
}
var valid40 = _errs115 === errors;
if(!valid40){
const err100 = {instancePath:instancePath+"/secrets",schemaPath:"#/definitions/secrets/propertyNames",keyword:"propertyNames",params:{propertyName: key10},message:"property name must be valid",schema:schema29.propertyNames,parentSchema:schema29,data:data43};
if(vErrors === null){
vErrors = [err100];
}
else {
vErrors.push(err100);
}
errors++;
}
}
for(const key11 in data43){
let data44 = data43[key11];
if(data44 && typeof data44 == "object" && !Array.isArray(data44)){
if(data44.secret === undefined){
const err101 = {instancePath:instancePath+"/secrets/" + key11.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/secrets/additionalProperties/required",keyword:"required",params:{missingProperty: "secret"},message:"must have required property '"+"secret"+"'",schema:schema29.additionalProperties.required,parentSchema:schema29.additionalProperties,data:data44};
if(vErrors === null){
vErrors = [err101];
}
else {
vErrors.push(err101);
}
errors++;
}
if(data44.key === undefined){
const err102 = {instancePath:instancePath+"/secrets/" + key11.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/secrets/additionalProperties/required",keyword:"required",params:{missingProperty: "key"},message:"must have required property '"+"key"+"'",schema:schema29.additionalProperties.required,parentSchema:schema29.additionalProperties,data:data44};
if(vErrors === null){
vErrors = [err102];
}
else {
vErrors.push(err102);
}
errors++;
}
for(const key12 in data44){
if(!((key12 === "secret") || (key12 === "key"))){
const err103 = {instancePath:instancePath+"/secrets/" + key11.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/secrets/additionalProperties/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key12},message:"must NOT have additional properties",schema:false,parentSchema:schema29.additionalProperties,data:data44};
if(vErrors === null){
vErrors = [err103];
}
else {
vErrors.push(err103);
}
errors++;
}
}
if(data44.secret !== undefined){
let data45 = data44.secret;
if(typeof data45 === "string"){
if(func3(data45) > 253){
const err104 = {instancePath:instancePath+"/secrets/" + key11.replace(/~/g, "~0").replace(/\//g, "~1")+"/secret",schemaPath:"#/definitions/secrets/additionalProperties/properties/secret/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters",schema:253,parentSchema:schema29.additionalProperties.properties.secret,data:data45};
if(vErrors === null){
vErrors = [err104];
}
else {
vErrors.push(err104);
}
errors++;
}
if(func3(data45) < 1){
const err105 = {instancePath:instancePath+"/secrets/" + key11.replace(/~/g, "~0").replace(/\//g, "~1")+"/secret",schemaPath:"#/definitions/secrets/additionalProperties/properties/secret/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema29.additionalProperties.properties.secret,data:data45};
if(vErrors === null){
vErrors = [err105];
}
else {
vErrors.push(err105);
}
errors++;
}
if(!pattern12.test(data45)){
const err106 = {instancePath:instancePath+"/secrets/" + key11.replace(/~/g, "~0").replace(/\//g, "~1")+"/secret",schemaPath:"#/definitions/secrets/additionalProperties/properties/secret/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"+"\"",schema:"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",parentSchema:schema29.additionalProperties.properties.secret,data:data45};
if(vErrors === null){
vErrors = [err106];
}
else {
vErrors.push(err106);
}
errors++;
}
}
else {
const err107 = {instancePath:instancePath+"/secrets/" + key11.replace(/~/g, "~0").replace(/\//g, "~1")+"/secret",schemaPath:"#/definitions/secrets/additionalProperties/properties/secret/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema29.additionalProperties.properties.secret.type,parentSchema:schema29.additionalProperties.properties.secret,data:data45};
if(vErrors === null){
vErrors = [err107];
}
else {
vErrors.push(err107);
}
errors++;
}
}
if(data44.key !== undefined){
let data46 = data44.key;
if(typeof data46 === "string"){
if(func3(data46) > 253){
const err108 = {instancePath:instancePath+"/secrets/" + key11.replace(/~/g, "~0").replace(/\//g, "~1")+"/key",schemaPath:"#/definitions/secrets/additionalProperties/properties/key/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters",schema:253,parentSchema:schema29.additionalProperties.properties.key,data:data46};
if(vErrors === null){
vErrors = [err108];
}
else {
vErrors.push(err108);
}
errors++;
}
if(func3(data46) < 1){
const err109 = {instancePath:instancePath+"/secrets/" + key11.replace(/~/g, "~0").replace(/\//g, "~1")+"/key",schemaPath:"#/definitions/secrets/additionalProperties/properties/key/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema29.additionalProperties.properties.key,data:data46};
if(vErrors === null){
vErrors = [err109];
}
else {
vErrors.push(err109);
}
errors++;
}
if(!pattern16.test(data46)){
const err110 = {instancePath:instancePath+"/secrets/" + key11.replace(/~/g, "~0").replace(/\//g, "~1")+"/key",schemaPath:"#/definitions/secrets/additionalProperties/properties/key/pattern",keyword:"pattern",params:{pattern: "^(?!\\.\\.?$)(?!\\.\\.)[-._a-zA-Z0-9]+$"},message:"must match pattern \""+"^(?!\\.\\.?$)(?!\\.\\.)[-._a-zA-Z0-9]+$"+"\"",schema:"^(?!\\.\\.?$)(?!\\.\\.)[-._a-zA-Z0-9]+$",parentSchema:schema29.additionalProperties.properties.key,data:data46};
if(vErrors === null){
vErrors = [err110];
}
else {
vErrors.push(err110);
}
errors++;
}
}
else {
const err111 = {instancePath:instancePath+"/secrets/" + key11.replace(/~/g, "~0").replace(/\//g, "~1")+"/key",schemaPath:"#/definitions/secrets/additionalProperties/properties/key/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema29.additionalProperties.properties.key.type,parentSchema:schema29.additionalProperties.properties.key,data:data46};
if(vErrors === null){
vErrors = [err111];
}
else {
vErrors.push(err111);
}
errors++;
}
}
}
else {
const err112 = {instancePath:instancePath+"/secrets/" + key11.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/secrets/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema29.additionalProperties.type,parentSchema:schema29.additionalProperties,data:data44};
if(vErrors === null){
vErrors = [err112];
}
else {
vErrors.push(err112);
}
errors++;
}
}
}
else {
const err113 = {instancePath:instancePath+"/secrets",schemaPath:"#/definitions/secrets/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema29.type,parentSchema:schema29,data:data43};
if(vErrors === null){
vErrors = [err113];
}
else {
vErrors.push(err113);
}
errors++;
}
}
if(data.sessionCluster !== undefined){
let data47 = data.sessionCluster;
if(typeof data47 === "string"){
if(func3(data47) > 45){
const err114 = {instancePath:instancePath+"/sessionCluster",schemaPath:"#/definitions/sessionCluster/maxLength",keyword:"maxLength",params:{limit: 45},message:"must NOT have more than 45 characters",schema:45,parentSchema:schema30,data:data47};
if(vErrors === null){
vErrors = [err114];
}
else {
vErrors.push(err114);
}
errors++;
}
if(!pattern0.test(data47)){
const err115 = {instancePath:instancePath+"/sessionCluster",schemaPath:"#/definitions/sessionCluster/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",parentSchema:schema30,data:data47};
if(vErrors === null){
vErrors = [err115];
}
else {
vErrors.push(err115);
}
errors++;
}
}
else {
const err116 = {instancePath:instancePath+"/sessionCluster",schemaPath:"#/definitions/sessionCluster/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema30.type,parentSchema:schema30,data:data47};
if(vErrors === null){
vErrors = [err116];
}
else {
vErrors.push(err116);
}
errors++;
}
}
if(data.environments !== undefined){
let data48 = data.environments;
if(data48 && typeof data48 == "object" && !Array.isArray(data48)){
for(const key13 in data48){
if(!(validate13(data48[key13], {instancePath:instancePath+"/environments/" + key13.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data48,parentDataProperty:key13,rootData}))){
vErrors = vErrors === null ? validate13.errors : vErrors.concat(validate13.errors);
errors = vErrors.length;
}
}
}
else {
const err117 = {instancePath:instancePath+"/environments",schemaPath:"#/properties/environments/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.environments.type,parentSchema:schema11.properties.environments,data:data48};
if(vErrors === null){
vErrors = [err117];
}
else {
vErrors.push(err117);
}
errors++;
}
}
}
else {
const err118 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.type,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err118];
}
else {
vErrors.push(err118);
}
errors++;
}
validate10.errors = vErrors;
return errors === 0;
}
