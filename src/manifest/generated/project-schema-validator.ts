// @ts-nocheck -- plain JavaScript from ajv
// Generated from schemas/project.schema.json by `npm run generate:validators` (scripts/generate-validators.mjs)
// with ajv 8.20.0, {"allErrors":true,"verbose":true,"strict":true}, vocabulary patternErrorMessage, maximumHint.
// Do not edit: change the schema and run `npm run generate:validators`.
import { createRequire } from "node:module";
const requireAjvRuntime = createRequire(import.meta.url);
export const validate = validate10;
export default validate10;
const schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://streampilot.dev/schemas/project.schema.json","title":"StreamPilot project (streampilot.yaml)","description":"Environments, registry and defaults shared by every job under jobs/.","type":"object","additionalProperties":false,"required":["apiVersion","kind","environments"],"properties":{"apiVersion":{"type":"string","const":"streampilot.dev/v1","description":"Version of the StreamPilot format. Always streampilot.dev/v1."},"kind":{"type":"string","const":"Project","description":"Always Project for streampilot.yaml."},"repository":{"type":"string","description":"The repository's full name on GitHub, owner/name. Every object a deploy applies is labelled with it, so that two repositories deploying to one namespace never see or prune each other's jobs. Read by the CLI only when the checkout has no git remote (the remote, and in the app the webhook, name the repository otherwise).","pattern":"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$","patternErrorMessage":"must be the repository's full name, owner/name, e.g. acme/flink-jobs"},"defaults":{"type":"object","additionalProperties":false,"description":"Settings every job inherits unless it or an environment overrides them.","properties":{"flinkVersion":{"$ref":"#/definitions/flinkVersion"},"namespace":{"$ref":"#/definitions/namespace"},"baseImage":{"$ref":"#/definitions/baseImage"},"runner":{"$ref":"#/definitions/runner"},"parallelism":{"$ref":"#/definitions/parallelism"},"upgradeMode":{"$ref":"#/definitions/upgradeMode"},"resources":{"$ref":"#/definitions/resources"},"flinkConfiguration":{"$ref":"#/definitions/flinkConfiguration"},"serviceAccount":{"$ref":"#/definitions/serviceAccount"},"variables":{"$ref":"#/definitions/variables"},"secrets":{"$ref":"#/definitions/secrets"},"sessionCluster":{"$ref":"#/definitions/sessionCluster"}}},"registry":{"type":"object","additionalProperties":false,"required":["repository"],"description":"Container registry job images are pushed to.","properties":{"repository":{"type":"string","description":"Image repository without tag, e.g. ghcr.io/acme/flink-jobs.","pattern":"^[^\\s:/]+(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)+$","patternErrorMessage":"must be an image repository without a tag, e.g. ghcr.io/acme/flink-jobs"},"insecure":{"type":"boolean","description":"Talk plain HTTP to the registry (local test registries only). Default false."}}},"provided":{"type":"object","additionalProperties":false,"description":"What the base image already carries beyond Flink's built-ins.","properties":{"connectors":{"type":"array","uniqueItems":true,"items":{"type":"string","minLength":1},"description":"Connector identifiers (the WITH ('connector' = ...) value) whose jars are in the base image, e.g. kafka."}}},"maven":{"type":"object","additionalProperties":false,"description":"Where dependencies.maven coordinates are downloaded from. Default: Maven Central only.","properties":{"repositories":{"type":"array","minItems":1,"description":"Maven repositories tried in order (the first that has the jar wins). Replaces Maven Central: list it too if you still want it.","items":{"type":"object","additionalProperties":false,"required":["id","url"],"description":"One Maven repository: Maven Central, a mirror, an Artifactory or Nexus repository.","properties":{"id":{"type":"string","description":"Short name used in messages, e.g. central or artifactory.","pattern":"^[A-Za-z0-9][A-Za-z0-9._-]*$","patternErrorMessage":"must be a short name: letters, digits, \".\", \"_\" and \"-\""},"url":{"type":"string","description":"Base URL of the repository layout, e.g. https://repo.maven.apache.org/maven2/.","pattern":"^https?://[^\\s]+$","patternErrorMessage":"must be an http(s) URL, e.g. https://artifactory.acme.dev/artifactory/maven-remote/"},"username":{"description":"No longer read (an error): credentials come from STREAMPILOT_MAVEN_<ID>_USERNAME, _PASSWORD and _URL where StreamPilot runs."},"password":{"description":"No longer read (an error): credentials come from STREAMPILOT_MAVEN_<ID>_USERNAME, _PASSWORD and _URL where StreamPilot runs."},"checksums":{"type":"string","enum":["required","optional"],"description":"required: refuse a jar the repository publishes no .sha256 or .sha1 for; optional: accept it unverified. Default required."}}}}}},"deploy":{"$ref":"#/definitions/deploy"},"environments":{"type":"object","minProperties":1,"description":"Where jobs are deployed, by environment name. At least one.","propertyNames":{"pattern":"^[a-z0-9]([-a-z0-9_]*[a-z0-9])?$","maxLength":63,"patternErrorMessage":"must be an environment name: lowercase letters, digits, \"-\" and \"_\""},"additionalProperties":{"$ref":"#/definitions/environment"}}},"definitions":{"environment":{"type":"object","additionalProperties":false,"description":"One deployment target, and the job settings it overrides.","properties":{"kubeContext":{"type":"string","description":"kubeconfig context to deploy with; absent means the in-cluster service account.","minLength":1},"deployOn":{"type":"string","enum":["merge","command"],"description":"merge: a merge to the default branch deploys here; command: a /deploy <environment> comment does. Default: command for an environment with `after` (a promotion target is deployed on purpose), else merge."},"after":{"type":"string","description":"Promotion order: the environment that must have deployed a change before this one does.","minLength":1},"allowed":{"type":"array","uniqueItems":true,"items":{"type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$","patternErrorMessage":"must be a GitHub user (octocat) or team (org/team)"},"description":"GitHub users (octocat) or teams (org/team) allowed to /deploy here, besides repository write access."},"commands":{"type":"object","additionalProperties":false,"description":"Who may give each pull-request comment command for this environment (besides repository write access, always required). Default: `allowed` for the commands that change jobs when the environment has `allowed`, else `writers`; `writers` for status.","properties":{"deploy":{"$ref":"#/definitions/commandPermission"},"savepoint":{"$ref":"#/definitions/commandPermission"},"restart":{"$ref":"#/definitions/commandPermission"},"suspend":{"$ref":"#/definitions/commandPermission"},"resume":{"$ref":"#/definitions/commandPermission"},"rollback":{"$ref":"#/definitions/commandPermission"},"status":{"$ref":"#/definitions/commandPermission"}}},"webUI":{"type":"object","additionalProperties":false,"description":"How to reach the Flink Web UI of jobs in this environment.","properties":{"ingress":{"type":"string","description":"Ingress URL template, with {{name}} and {{namespace}}, e.g. https://flink.acme.dev/{{namespace}}/{{name}}/.","minLength":1}}},"deploy":{"$ref":"#/definitions/deploy"},"flinkVersion":{"$ref":"#/definitions/flinkVersion"},"namespace":{"$ref":"#/definitions/namespace"},"baseImage":{"$ref":"#/definitions/baseImage"},"runner":{"$ref":"#/definitions/runner"},"parallelism":{"$ref":"#/definitions/parallelism"},"upgradeMode":{"$ref":"#/definitions/upgradeMode"},"resources":{"$ref":"#/definitions/resources"},"flinkConfiguration":{"$ref":"#/definitions/flinkConfiguration"},"serviceAccount":{"$ref":"#/definitions/serviceAccount"},"variables":{"$ref":"#/definitions/variables"},"secrets":{"$ref":"#/definitions/secrets"},"sessionCluster":{"$ref":"#/definitions/sessionCluster"}}},"flinkVersion":{"description":"Flink minor version the job runs on (the operator's FlinkVersion names minor versions only, e.g. v1_20; the patch release is the baseImage's, e.g. flink:1.20.1). Quote it: YAML reads 1.20 as the number 1.2. Default \"1.20\".","type":"string","enum":["1.17","1.18","1.19","1.20","2.0","2.1","2.2"]},"namespace":{"type":"string","description":"Kubernetes namespace the job is deployed to. Default \"default\".","pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","maxLength":63,"patternErrorMessage":"must be a Kubernetes namespace name: lowercase letters, digits and \"-\", starting and ending with a letter or digit"},"baseImage":{"type":"string","description":"Image the job image is built on. \"{{flinkVersion}}\" is replaced by the resolved Flink version. Default \"flink:{{flinkVersion}}\".","minLength":1},"runner":{"type":"object","additionalProperties":false,"required":["jarURI"],"description":"How the image runs the SQL: the jar the operator starts and its arguments. Replaced as a whole by a later layer.","properties":{"jarURI":{"type":"string","description":"URI of the runner jar, e.g. local:///opt/flink/usrlib/sql-runner.jar.","minLength":1},"args":{"type":"array","items":{"type":"string"},"description":"Arguments passed to the runner: \"{{script}}\" stands for the path of the job's SQL script in the image, \"{{sql}}\" for the SQL text itself. Default [\"{{script}}\"] in application mode, [\"{{sql}}\"] in session mode (a session cluster never sees the job's image)."},"scriptPath":{"type":"string","description":"Where the job's normalised SQL script is placed in the image. Default /opt/flink/usrlib/sql-scripts/script.sql.","pattern":"^/","patternErrorMessage":"must be an absolute path inside the image, e.g. /opt/flink/usrlib/sql/job.sql"},"entryClass":{"type":"string","description":"Main class, for runner jars whose manifest has no Main-Class entry.","minLength":1}}},"parallelism":{"type":"integer","minimum":1,"description":"Default parallelism of the job, from 1 to 32768 (Flink's upper bound). Default 1.","maximum":32768,"maximumHint":"Flink's maximum parallelism is 32768 (2^15): a larger parallelism fails when the job starts"},"upgradeMode":{"type":"string","enum":["stateless","savepoint","last-state"],"description":"How a running job is upgraded: savepoint (stop with a savepoint, restore from it), last-state (restore from the latest checkpoint), stateless (start empty). Default savepoint."},"memory":{"type":"string","description":"Total process memory: a Flink size (\"2048m\", \"2g\", \"1024mb\", bytes) or a Kubernetes binary quantity (\"2Gi\", \"1.5Gi\").","pattern":"^(?:[0-9]+ *(?:[bB]|[bB][yY][tT][eE][sS]|[kKmMgGtT][bB]?)?|[0-9]+(?:\\.[0-9]+)?(?:Ki|Mi|Gi|Ti))$","patternErrorMessage":"must be a memory size such as 2048m, 2g or 1.5Gi (fractions only with Ki/Mi/Gi/Ti)"},"cpu":{"type":"number","exclusiveMinimum":0,"description":"CPU cores, e.g. 0.5, 1, 2."},"resources":{"type":"object","additionalProperties":false,"description":"CPU, memory and replicas of the JobManager and TaskManagers. Merged key by key across layers.","properties":{"jobManager":{"type":"object","additionalProperties":false,"description":"JobManager resources.","properties":{"cpu":{"$ref":"#/definitions/cpu"},"memory":{"$ref":"#/definitions/memory"},"replicas":{"type":"integer","minimum":1,"description":"JobManager replicas (more than 1 needs high availability configured).","maximum":2147483647,"maximumHint":"the Flink operator reads replicas as a 32-bit integer"}}},"taskManager":{"type":"object","additionalProperties":false,"description":"TaskManager resources.","properties":{"cpu":{"$ref":"#/definitions/cpu"},"memory":{"$ref":"#/definitions/memory"},"replicas":{"type":"integer","minimum":1,"description":"Fixed number of TaskManagers (otherwise derived from parallelism and task slots).","maximum":2147483647,"maximumHint":"the Flink operator reads replicas as a 32-bit integer"},"taskSlots":{"type":"integer","minimum":1,"description":"Task slots per TaskManager (taskmanager.numberOfTaskSlots).","maximum":2147483647,"maximumHint":"Flink reads taskmanager.numberOfTaskSlots as a 32-bit integer"}}}}},"flinkConfiguration":{"type":"object","description":"Flink configuration entries (flink-conf), e.g. execution.checkpointing.interval: 30s. Values are strings: quote true, false and numbers. Merged key by key across layers.","propertyNames":{"minLength":1},"additionalProperties":{"type":"string"}},"serviceAccount":{"type":"string","description":"Kubernetes service account the Flink pods run as.","minLength":1,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","maxLength":253,"patternErrorMessage":"must be a Kubernetes service account name: lowercase letters, digits, \"-\" and \".\", starting and ending with a letter or digit"},"variables":{"type":"object","description":"Values for ${name} placeholders in the SQL. Values are strings. Merged key by key across layers.","propertyNames":{"pattern":"^[A-Za-z_][A-Za-z0-9_.-]*$","patternErrorMessage":"must be a variable name: a letter or _, then letters, digits, _, . or -"},"additionalProperties":{"type":"string"}},"secrets":{"type":"object","description":"Variables whose values live in Kubernetes Secrets of the job's namespace, e.g. db_password: { secret: orders-db, key: password }. StreamPilot renders only references (secretKeyRef) and never reads the values; the job's runner fills ${name} in at start. Merged key by key across layers, like variables; a name may not be in both.","propertyNames":{"pattern":"^[A-Za-z_][A-Za-z0-9_.-]*$","patternErrorMessage":"must be a variable name: a letter or _, then letters, digits, _, . or -"},"additionalProperties":{"type":"object","additionalProperties":false,"required":["secret","key"],"properties":{"secret":{"type":"string","description":"Name of the Kubernetes Secret in the job's namespace.","minLength":1,"maxLength":253,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","patternErrorMessage":"must be a Kubernetes Secret name (DNS-1123 subdomain): lowercase letters, digits, \"-\" and \".\", starting and ending with a letter or digit"},"key":{"type":"string","description":"Key in the Secret's data.","minLength":1,"maxLength":253,"pattern":"^(?!\\.\\.?$)(?!\\.\\.)[-._a-zA-Z0-9]+$","patternErrorMessage":"must be a Secret key: letters, digits, \"-\", \"_\" and \".\", not \".\" or \"..\" and not starting with \"..\""}}}},"sessionCluster":{"type":"string","description":"Session mode: name of the session cluster (FlinkDeployment) the job is submitted to.","pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","maxLength":45,"patternErrorMessage":"must be a FlinkDeployment name: lowercase letters, digits and \"-\""},"deploy":{"type":"object","additionalProperties":false,"description":"How deploys behave. Set at the top of streampilot.yaml for every environment; an environment's deploy overrides it key by key.","properties":{"timeout":{"type":"string","description":"How long a deploy follows a job to RUNNING before reporting it as timed out: hours, minutes and seconds such as 90s, 10m, 1h30m. At most 24h. Default 10m.","pattern":"^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?$","patternErrorMessage":"must be a duration in hours, minutes and seconds, such as 90s, 10m or 1h30m"},"prune":{"type":"boolean","description":"true: a job deleted from Git has its Flink resource deleted from the cluster; false: it is reported and left running. Default false."}}},"commandPermission":{"description":"Who may give this command: writers, allowed (this environment's `allowed`), or a list of users and org/teams. Write access to the repository is always required too.","oneOf":[{"type":"string","enum":["writers","allowed"],"description":"writers: anyone with write access to the repository; allowed: only the users and teams of this environment's `allowed`."},{"type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$","patternErrorMessage":"must be a GitHub user (octocat) or team (org/team)"},"description":"Only these GitHub users (octocat) or teams (org/team), besides repository write access."}]}}};
const schema12 = {"description":"Flink minor version the job runs on (the operator's FlinkVersion names minor versions only, e.g. v1_20; the patch release is the baseImage's, e.g. flink:1.20.1). Quote it: YAML reads 1.20 as the number 1.2. Default \"1.20\".","type":"string","enum":["1.17","1.18","1.19","1.20","2.0","2.1","2.2"]};
const schema13 = {"type":"string","description":"Kubernetes namespace the job is deployed to. Default \"default\".","pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","maxLength":63,"patternErrorMessage":"must be a Kubernetes namespace name: lowercase letters, digits and \"-\", starting and ending with a letter or digit"};
const schema14 = {"type":"string","description":"Image the job image is built on. \"{{flinkVersion}}\" is replaced by the resolved Flink version. Default \"flink:{{flinkVersion}}\".","minLength":1};
const schema15 = {"type":"object","additionalProperties":false,"required":["jarURI"],"description":"How the image runs the SQL: the jar the operator starts and its arguments. Replaced as a whole by a later layer.","properties":{"jarURI":{"type":"string","description":"URI of the runner jar, e.g. local:///opt/flink/usrlib/sql-runner.jar.","minLength":1},"args":{"type":"array","items":{"type":"string"},"description":"Arguments passed to the runner: \"{{script}}\" stands for the path of the job's SQL script in the image, \"{{sql}}\" for the SQL text itself. Default [\"{{script}}\"] in application mode, [\"{{sql}}\"] in session mode (a session cluster never sees the job's image)."},"scriptPath":{"type":"string","description":"Where the job's normalised SQL script is placed in the image. Default /opt/flink/usrlib/sql-scripts/script.sql.","pattern":"^/","patternErrorMessage":"must be an absolute path inside the image, e.g. /opt/flink/usrlib/sql/job.sql"},"entryClass":{"type":"string","description":"Main class, for runner jars whose manifest has no Main-Class entry.","minLength":1}}};
const schema16 = {"type":"integer","minimum":1,"description":"Default parallelism of the job, from 1 to 32768 (Flink's upper bound). Default 1.","maximum":32768,"maximumHint":"Flink's maximum parallelism is 32768 (2^15): a larger parallelism fails when the job starts"};
const schema17 = {"type":"string","enum":["stateless","savepoint","last-state"],"description":"How a running job is upgraded: savepoint (stop with a savepoint, restore from it), last-state (restore from the latest checkpoint), stateless (start empty). Default savepoint."};
const schema23 = {"type":"object","description":"Flink configuration entries (flink-conf), e.g. execution.checkpointing.interval: 30s. Values are strings: quote true, false and numbers. Merged key by key across layers.","propertyNames":{"minLength":1},"additionalProperties":{"type":"string"}};
const schema24 = {"type":"string","description":"Kubernetes service account the Flink pods run as.","minLength":1,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","maxLength":253,"patternErrorMessage":"must be a Kubernetes service account name: lowercase letters, digits, \"-\" and \".\", starting and ending with a letter or digit"};
const schema25 = {"type":"object","description":"Values for ${name} placeholders in the SQL. Values are strings. Merged key by key across layers.","propertyNames":{"pattern":"^[A-Za-z_][A-Za-z0-9_.-]*$","patternErrorMessage":"must be a variable name: a letter or _, then letters, digits, _, . or -"},"additionalProperties":{"type":"string"}};
const schema26 = {"type":"object","description":"Variables whose values live in Kubernetes Secrets of the job's namespace, e.g. db_password: { secret: orders-db, key: password }. StreamPilot renders only references (secretKeyRef) and never reads the values; the job's runner fills ${name} in at start. Merged key by key across layers, like variables; a name may not be in both.","propertyNames":{"pattern":"^[A-Za-z_][A-Za-z0-9_.-]*$","patternErrorMessage":"must be a variable name: a letter or _, then letters, digits, _, . or -"},"additionalProperties":{"type":"object","additionalProperties":false,"required":["secret","key"],"properties":{"secret":{"type":"string","description":"Name of the Kubernetes Secret in the job's namespace.","minLength":1,"maxLength":253,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","patternErrorMessage":"must be a Kubernetes Secret name (DNS-1123 subdomain): lowercase letters, digits, \"-\" and \".\", starting and ending with a letter or digit"},"key":{"type":"string","description":"Key in the Secret's data.","minLength":1,"maxLength":253,"pattern":"^(?!\\.\\.?$)(?!\\.\\.)[-._a-zA-Z0-9]+$","patternErrorMessage":"must be a Secret key: letters, digits, \"-\", \"_\" and \".\", not \".\" or \"..\" and not starting with \"..\""}}}};
const schema27 = {"type":"string","description":"Session mode: name of the session cluster (FlinkDeployment) the job is submitted to.","pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","maxLength":45,"patternErrorMessage":"must be a FlinkDeployment name: lowercase letters, digits and \"-\""};
const schema28 = {"type":"object","additionalProperties":false,"description":"How deploys behave. Set at the top of streampilot.yaml for every environment; an environment's deploy overrides it key by key.","properties":{"timeout":{"type":"string","description":"How long a deploy follows a job to RUNNING before reporting it as timed out: hours, minutes and seconds such as 90s, 10m, 1h30m. At most 24h. Default 10m.","pattern":"^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?$","patternErrorMessage":"must be a duration in hours, minutes and seconds, such as 90s, 10m or 1h30m"},"prune":{"type":"boolean","description":"true: a job deleted from Git has its Flink resource deleted from the cluster; false: it is reported and left running. Default false."}}};
const func2 = Object.prototype.hasOwnProperty;
const func4 = requireAjvRuntime("ajv/dist/runtime/ucs2length").default;
const pattern0 = new RegExp("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", "u");
const pattern1 = new RegExp("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", "u");
const pattern2 = new RegExp("^/", "u");
const pattern5 = new RegExp("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", "u");
const pattern6 = new RegExp("^[A-Za-z_][A-Za-z0-9_.-]*$", "u");
const pattern9 = new RegExp("^(?!\\.\\.?$)(?!\\.\\.)[-._a-zA-Z0-9]+$", "u");
const pattern11 = new RegExp("^[^\\s:/]+(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)+$", "u");
const pattern12 = new RegExp("^[A-Za-z0-9][A-Za-z0-9._-]*$", "u");
const pattern13 = new RegExp("^https?://[^\\s]+$", "u");
const pattern14 = new RegExp("^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?$", "u");
const pattern15 = new RegExp("^[a-z0-9]([-a-z0-9_]*[a-z0-9])?$", "u");
const schema18 = {"type":"object","additionalProperties":false,"description":"CPU, memory and replicas of the JobManager and TaskManagers. Merged key by key across layers.","properties":{"jobManager":{"type":"object","additionalProperties":false,"description":"JobManager resources.","properties":{"cpu":{"$ref":"#/definitions/cpu"},"memory":{"$ref":"#/definitions/memory"},"replicas":{"type":"integer","minimum":1,"description":"JobManager replicas (more than 1 needs high availability configured).","maximum":2147483647,"maximumHint":"the Flink operator reads replicas as a 32-bit integer"}}},"taskManager":{"type":"object","additionalProperties":false,"description":"TaskManager resources.","properties":{"cpu":{"$ref":"#/definitions/cpu"},"memory":{"$ref":"#/definitions/memory"},"replicas":{"type":"integer","minimum":1,"description":"Fixed number of TaskManagers (otherwise derived from parallelism and task slots).","maximum":2147483647,"maximumHint":"the Flink operator reads replicas as a 32-bit integer"},"taskSlots":{"type":"integer","minimum":1,"description":"Task slots per TaskManager (taskmanager.numberOfTaskSlots).","maximum":2147483647,"maximumHint":"Flink reads taskmanager.numberOfTaskSlots as a 32-bit integer"}}}}};
const schema19 = {"type":"number","exclusiveMinimum":0,"description":"CPU cores, e.g. 0.5, 1, 2."};
const schema20 = {"type":"string","description":"Total process memory: a Flink size (\"2048m\", \"2g\", \"1024mb\", bytes) or a Kubernetes binary quantity (\"2Gi\", \"1.5Gi\").","pattern":"^(?:[0-9]+ *(?:[bB]|[bB][yY][tT][eE][sS]|[kKmMgGtT][bB]?)?|[0-9]+(?:\\.[0-9]+)?(?:Ki|Mi|Gi|Ti))$","patternErrorMessage":"must be a memory size such as 2048m, 2g or 1.5Gi (fractions only with Ki/Mi/Gi/Ti)"};
const pattern3 = new RegExp("^(?:[0-9]+ *(?:[bB]|[bB][yY][tT][eE][sS]|[kKmMgGtT][bB]?)?|[0-9]+(?:\\.[0-9]+)?(?:Ki|Mi|Gi|Ti))$", "u");

function validate11(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((key0 === "jobManager") || (key0 === "taskManager"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema18,data};
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
const err1 = {instancePath:instancePath+"/jobManager",schemaPath:"#/properties/jobManager/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema18.properties.jobManager,data:data0};
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
const err2 = {instancePath:instancePath+"/jobManager/cpu",schemaPath:"#/definitions/cpu/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema19,data:data1};
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
const err3 = {instancePath:instancePath+"/jobManager/cpu",schemaPath:"#/definitions/cpu/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema19.type,parentSchema:schema19,data:data1};
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
if(!pattern3.test(data2)){
const err4 = {instancePath:instancePath+"/jobManager/memory",schemaPath:"#/definitions/memory/pattern",keyword:"pattern",params:{pattern: "^(?:[0-9]+ *(?:[bB]|[bB][yY][tT][eE][sS]|[kKmMgGtT][bB]?)?|[0-9]+(?:\\.[0-9]+)?(?:Ki|Mi|Gi|Ti))$"},message:"must match pattern \""+"^(?:[0-9]+ *(?:[bB]|[bB][yY][tT][eE][sS]|[kKmMgGtT][bB]?)?|[0-9]+(?:\\.[0-9]+)?(?:Ki|Mi|Gi|Ti))$"+"\"",schema:"^(?:[0-9]+ *(?:[bB]|[bB][yY][tT][eE][sS]|[kKmMgGtT][bB]?)?|[0-9]+(?:\\.[0-9]+)?(?:Ki|Mi|Gi|Ti))$",parentSchema:schema20,data:data2};
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
const err5 = {instancePath:instancePath+"/jobManager/memory",schemaPath:"#/definitions/memory/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema20.type,parentSchema:schema20,data:data2};
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
const err6 = {instancePath:instancePath+"/jobManager/replicas",schemaPath:"#/properties/jobManager/properties/replicas/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema18.properties.jobManager.properties.replicas.type,parentSchema:schema18.properties.jobManager.properties.replicas,data:data3};
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
const err7 = {instancePath:instancePath+"/jobManager/replicas",schemaPath:"#/properties/jobManager/properties/replicas/maximum",keyword:"maximum",params:{comparison: "<=", limit: 2147483647},message:"must be <= 2147483647",schema:2147483647,parentSchema:schema18.properties.jobManager.properties.replicas,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data3 < 1 || isNaN(data3)){
const err8 = {instancePath:instancePath+"/jobManager/replicas",schemaPath:"#/properties/jobManager/properties/replicas/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema18.properties.jobManager.properties.replicas,data:data3};
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
const err9 = {instancePath:instancePath+"/jobManager",schemaPath:"#/properties/jobManager/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema18.properties.jobManager.type,parentSchema:schema18.properties.jobManager,data:data0};
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
const err10 = {instancePath:instancePath+"/taskManager",schemaPath:"#/properties/taskManager/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema18.properties.taskManager,data:data4};
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
const err11 = {instancePath:instancePath+"/taskManager/cpu",schemaPath:"#/definitions/cpu/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema19,data:data5};
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
const err12 = {instancePath:instancePath+"/taskManager/cpu",schemaPath:"#/definitions/cpu/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema19.type,parentSchema:schema19,data:data5};
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
if(!pattern3.test(data6)){
const err13 = {instancePath:instancePath+"/taskManager/memory",schemaPath:"#/definitions/memory/pattern",keyword:"pattern",params:{pattern: "^(?:[0-9]+ *(?:[bB]|[bB][yY][tT][eE][sS]|[kKmMgGtT][bB]?)?|[0-9]+(?:\\.[0-9]+)?(?:Ki|Mi|Gi|Ti))$"},message:"must match pattern \""+"^(?:[0-9]+ *(?:[bB]|[bB][yY][tT][eE][sS]|[kKmMgGtT][bB]?)?|[0-9]+(?:\\.[0-9]+)?(?:Ki|Mi|Gi|Ti))$"+"\"",schema:"^(?:[0-9]+ *(?:[bB]|[bB][yY][tT][eE][sS]|[kKmMgGtT][bB]?)?|[0-9]+(?:\\.[0-9]+)?(?:Ki|Mi|Gi|Ti))$",parentSchema:schema20,data:data6};
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
const err14 = {instancePath:instancePath+"/taskManager/memory",schemaPath:"#/definitions/memory/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema20.type,parentSchema:schema20,data:data6};
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
const err15 = {instancePath:instancePath+"/taskManager/replicas",schemaPath:"#/properties/taskManager/properties/replicas/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema18.properties.taskManager.properties.replicas.type,parentSchema:schema18.properties.taskManager.properties.replicas,data:data7};
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
const err16 = {instancePath:instancePath+"/taskManager/replicas",schemaPath:"#/properties/taskManager/properties/replicas/maximum",keyword:"maximum",params:{comparison: "<=", limit: 2147483647},message:"must be <= 2147483647",schema:2147483647,parentSchema:schema18.properties.taskManager.properties.replicas,data:data7};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(data7 < 1 || isNaN(data7)){
const err17 = {instancePath:instancePath+"/taskManager/replicas",schemaPath:"#/properties/taskManager/properties/replicas/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema18.properties.taskManager.properties.replicas,data:data7};
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
const err18 = {instancePath:instancePath+"/taskManager/taskSlots",schemaPath:"#/properties/taskManager/properties/taskSlots/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema18.properties.taskManager.properties.taskSlots.type,parentSchema:schema18.properties.taskManager.properties.taskSlots,data:data8};
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
const err19 = {instancePath:instancePath+"/taskManager/taskSlots",schemaPath:"#/properties/taskManager/properties/taskSlots/maximum",keyword:"maximum",params:{comparison: "<=", limit: 2147483647},message:"must be <= 2147483647",schema:2147483647,parentSchema:schema18.properties.taskManager.properties.taskSlots,data:data8};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(data8 < 1 || isNaN(data8)){
const err20 = {instancePath:instancePath+"/taskManager/taskSlots",schemaPath:"#/properties/taskManager/properties/taskSlots/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema18.properties.taskManager.properties.taskSlots,data:data8};
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
const err21 = {instancePath:instancePath+"/taskManager",schemaPath:"#/properties/taskManager/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema18.properties.taskManager.type,parentSchema:schema18.properties.taskManager,data:data4};
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
const err22 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema18.type,parentSchema:schema18,data};
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

const schema29 = {"type":"object","additionalProperties":false,"description":"One deployment target, and the job settings it overrides.","properties":{"kubeContext":{"type":"string","description":"kubeconfig context to deploy with; absent means the in-cluster service account.","minLength":1},"deployOn":{"type":"string","enum":["merge","command"],"description":"merge: a merge to the default branch deploys here; command: a /deploy <environment> comment does. Default: command for an environment with `after` (a promotion target is deployed on purpose), else merge."},"after":{"type":"string","description":"Promotion order: the environment that must have deployed a change before this one does.","minLength":1},"allowed":{"type":"array","uniqueItems":true,"items":{"type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$","patternErrorMessage":"must be a GitHub user (octocat) or team (org/team)"},"description":"GitHub users (octocat) or teams (org/team) allowed to /deploy here, besides repository write access."},"commands":{"type":"object","additionalProperties":false,"description":"Who may give each pull-request comment command for this environment (besides repository write access, always required). Default: `allowed` for the commands that change jobs when the environment has `allowed`, else `writers`; `writers` for status.","properties":{"deploy":{"$ref":"#/definitions/commandPermission"},"savepoint":{"$ref":"#/definitions/commandPermission"},"restart":{"$ref":"#/definitions/commandPermission"},"suspend":{"$ref":"#/definitions/commandPermission"},"resume":{"$ref":"#/definitions/commandPermission"},"rollback":{"$ref":"#/definitions/commandPermission"},"status":{"$ref":"#/definitions/commandPermission"}}},"webUI":{"type":"object","additionalProperties":false,"description":"How to reach the Flink Web UI of jobs in this environment.","properties":{"ingress":{"type":"string","description":"Ingress URL template, with {{name}} and {{namespace}}, e.g. https://flink.acme.dev/{{namespace}}/{{name}}/.","minLength":1}}},"deploy":{"$ref":"#/definitions/deploy"},"flinkVersion":{"$ref":"#/definitions/flinkVersion"},"namespace":{"$ref":"#/definitions/namespace"},"baseImage":{"$ref":"#/definitions/baseImage"},"runner":{"$ref":"#/definitions/runner"},"parallelism":{"$ref":"#/definitions/parallelism"},"upgradeMode":{"$ref":"#/definitions/upgradeMode"},"resources":{"$ref":"#/definitions/resources"},"flinkConfiguration":{"$ref":"#/definitions/flinkConfiguration"},"serviceAccount":{"$ref":"#/definitions/serviceAccount"},"variables":{"$ref":"#/definitions/variables"},"secrets":{"$ref":"#/definitions/secrets"},"sessionCluster":{"$ref":"#/definitions/sessionCluster"}}};
const schema30 = {"description":"Who may give this command: writers, allowed (this environment's `allowed`), or a list of users and org/teams. Write access to the repository is always required too.","oneOf":[{"type":"string","enum":["writers","allowed"],"description":"writers: anyone with write access to the repository; allowed: only the users and teams of this environment's `allowed`."},{"type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$","patternErrorMessage":"must be a GitHub user (octocat) or team (org/team)"},"description":"Only these GitHub users (octocat) or teams (org/team), besides repository write access."}]};
const pattern16 = new RegExp("^[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$", "u");

function validate13(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(func2.call(schema29.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema29,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.kubeContext !== undefined){
let data0 = data.kubeContext;
if(typeof data0 === "string"){
if(func4(data0) < 1){
const err1 = {instancePath:instancePath+"/kubeContext",schemaPath:"#/properties/kubeContext/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema29.properties.kubeContext,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath:instancePath+"/kubeContext",schemaPath:"#/properties/kubeContext/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema29.properties.kubeContext.type,parentSchema:schema29.properties.kubeContext,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.deployOn !== undefined){
let data1 = data.deployOn;
if(typeof data1 !== "string"){
const err3 = {instancePath:instancePath+"/deployOn",schemaPath:"#/properties/deployOn/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema29.properties.deployOn.type,parentSchema:schema29.properties.deployOn,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(!((data1 === "merge") || (data1 === "command"))){
const err4 = {instancePath:instancePath+"/deployOn",schemaPath:"#/properties/deployOn/enum",keyword:"enum",params:{allowedValues: schema29.properties.deployOn.enum},message:"must be equal to one of the allowed values",schema:schema29.properties.deployOn.enum,parentSchema:schema29.properties.deployOn,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.after !== undefined){
let data2 = data.after;
if(typeof data2 === "string"){
if(func4(data2) < 1){
const err5 = {instancePath:instancePath+"/after",schemaPath:"#/properties/after/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema29.properties.after,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/after",schemaPath:"#/properties/after/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema29.properties.after.type,parentSchema:schema29.properties.after,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.allowed !== undefined){
let data3 = data.allowed;
if(Array.isArray(data3)){
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
let data4 = data3[i0];
if(typeof data4 === "string"){
if(!pattern16.test(data4)){
const err7 = {instancePath:instancePath+"/allowed/" + i0,schemaPath:"#/properties/allowed/items/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$"+"\"",schema:"^[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$",parentSchema:schema29.properties.allowed.items,data:data4};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/allowed/" + i0,schemaPath:"#/properties/allowed/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema29.properties.allowed.items.type,parentSchema:schema29.properties.allowed.items,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
let i1 = data3.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data3[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err9 = {instancePath:instancePath+"/allowed",schemaPath:"#/properties/allowed/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema29.properties.allowed,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err10 = {instancePath:instancePath+"/allowed",schemaPath:"#/properties/allowed/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema29.properties.allowed.type,parentSchema:schema29.properties.allowed,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.commands !== undefined){
let data5 = data.commands;
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
for(const key1 in data5){
if(!(((((((key1 === "deploy") || (key1 === "savepoint")) || (key1 === "restart")) || (key1 === "suspend")) || (key1 === "resume")) || (key1 === "rollback")) || (key1 === "status"))){
const err11 = {instancePath:instancePath+"/commands",schemaPath:"#/properties/commands/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema29.properties.commands,data:data5};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data5.deploy !== undefined){
let data6 = data5.deploy;
const _errs17 = errors;
let valid6 = false;
let passing0 = null;
const _errs18 = errors;
if(typeof data6 !== "string"){
const err12 = {instancePath:instancePath+"/commands/deploy",schemaPath:"#/definitions/commandPermission/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema30.oneOf[0].type,parentSchema:schema30.oneOf[0],data:data6};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(!((data6 === "writers") || (data6 === "allowed"))){
const err13 = {instancePath:instancePath+"/commands/deploy",schemaPath:"#/definitions/commandPermission/oneOf/0/enum",keyword:"enum",params:{allowedValues: schema30.oneOf[0].enum},message:"must be equal to one of the allowed values",schema:schema30.oneOf[0].enum,parentSchema:schema30.oneOf[0],data:data6};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
var _valid0 = _errs18 === errors;
if(_valid0){
valid6 = true;
passing0 = 0;
}
const _errs20 = errors;
if(Array.isArray(data6)){
if(data6.length < 1){
const err14 = {instancePath:instancePath+"/commands/deploy",schemaPath:"#/definitions/commandPermission/oneOf/1/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema30.oneOf[1],data:data6};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
const len1 = data6.length;
for(let i2=0; i2<len1; i2++){
let data7 = data6[i2];
if(typeof data7 === "string"){
if(!pattern16.test(data7)){
const err15 = {instancePath:instancePath+"/commands/deploy/" + i2,schemaPath:"#/definitions/commandPermission/oneOf/1/items/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$"+"\"",schema:"^[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$",parentSchema:schema30.oneOf[1].items,data:data7};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/commands/deploy/" + i2,schemaPath:"#/definitions/commandPermission/oneOf/1/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema30.oneOf[1].items.type,parentSchema:schema30.oneOf[1].items,data:data7};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
let i3 = data6.length;
let j1;
if(i3 > 1){
const indices1 = {};
for(;i3--;){
let item1 = data6[i3];
if(typeof item1 !== "string"){
continue;
}
if(typeof indices1[item1] == "number"){
j1 = indices1[item1];
const err17 = {instancePath:instancePath+"/commands/deploy",schemaPath:"#/definitions/commandPermission/oneOf/1/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i3+" are identical)",schema:true,parentSchema:schema30.oneOf[1],data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
break;
}
indices1[item1] = i3;
}
}
}
else {
const err18 = {instancePath:instancePath+"/commands/deploy",schemaPath:"#/definitions/commandPermission/oneOf/1/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema30.oneOf[1].type,parentSchema:schema30.oneOf[1],data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
var _valid0 = _errs20 === errors;
if(_valid0 && valid6){
valid6 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid6 = true;
passing0 = 1;
}
}
if(!valid6){
const err19 = {instancePath:instancePath+"/commands/deploy",schemaPath:"#/definitions/commandPermission/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema30.oneOf,parentSchema:schema30,data:data6};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
else {
errors = _errs17;
if(vErrors !== null){
if(_errs17){
vErrors.length = _errs17;
}
else {
vErrors = null;
}
}
}
}
if(data5.savepoint !== undefined){
let data8 = data5.savepoint;
const _errs26 = errors;
let valid11 = false;
let passing1 = null;
const _errs27 = errors;
if(typeof data8 !== "string"){
const err20 = {instancePath:instancePath+"/commands/savepoint",schemaPath:"#/definitions/commandPermission/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema30.oneOf[0].type,parentSchema:schema30.oneOf[0],data:data8};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(!((data8 === "writers") || (data8 === "allowed"))){
const err21 = {instancePath:instancePath+"/commands/savepoint",schemaPath:"#/definitions/commandPermission/oneOf/0/enum",keyword:"enum",params:{allowedValues: schema30.oneOf[0].enum},message:"must be equal to one of the allowed values",schema:schema30.oneOf[0].enum,parentSchema:schema30.oneOf[0],data:data8};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
var _valid1 = _errs27 === errors;
if(_valid1){
valid11 = true;
passing1 = 0;
}
const _errs29 = errors;
if(Array.isArray(data8)){
if(data8.length < 1){
const err22 = {instancePath:instancePath+"/commands/savepoint",schemaPath:"#/definitions/commandPermission/oneOf/1/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema30.oneOf[1],data:data8};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
const len2 = data8.length;
for(let i4=0; i4<len2; i4++){
let data9 = data8[i4];
if(typeof data9 === "string"){
if(!pattern16.test(data9)){
const err23 = {instancePath:instancePath+"/commands/savepoint/" + i4,schemaPath:"#/definitions/commandPermission/oneOf/1/items/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$"+"\"",schema:"^[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$",parentSchema:schema30.oneOf[1].items,data:data9};
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
const err24 = {instancePath:instancePath+"/commands/savepoint/" + i4,schemaPath:"#/definitions/commandPermission/oneOf/1/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema30.oneOf[1].items.type,parentSchema:schema30.oneOf[1].items,data:data9};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
let i5 = data8.length;
let j2;
if(i5 > 1){
const indices2 = {};
for(;i5--;){
let item2 = data8[i5];
if(typeof item2 !== "string"){
continue;
}
if(typeof indices2[item2] == "number"){
j2 = indices2[item2];
const err25 = {instancePath:instancePath+"/commands/savepoint",schemaPath:"#/definitions/commandPermission/oneOf/1/uniqueItems",keyword:"uniqueItems",params:{i: i5, j: j2},message:"must NOT have duplicate items (items ## "+j2+" and "+i5+" are identical)",schema:true,parentSchema:schema30.oneOf[1],data:data8};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
break;
}
indices2[item2] = i5;
}
}
}
else {
const err26 = {instancePath:instancePath+"/commands/savepoint",schemaPath:"#/definitions/commandPermission/oneOf/1/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema30.oneOf[1].type,parentSchema:schema30.oneOf[1],data:data8};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
var _valid1 = _errs29 === errors;
if(_valid1 && valid11){
valid11 = false;
passing1 = [passing1, 1];
}
else {
if(_valid1){
valid11 = true;
passing1 = 1;
}
}
if(!valid11){
const err27 = {instancePath:instancePath+"/commands/savepoint",schemaPath:"#/definitions/commandPermission/oneOf",keyword:"oneOf",params:{passingSchemas: passing1},message:"must match exactly one schema in oneOf",schema:schema30.oneOf,parentSchema:schema30,data:data8};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
else {
errors = _errs26;
if(vErrors !== null){
if(_errs26){
vErrors.length = _errs26;
}
else {
vErrors = null;
}
}
}
}
if(data5.restart !== undefined){
let data10 = data5.restart;
const _errs35 = errors;
let valid16 = false;
let passing2 = null;
const _errs36 = errors;
if(typeof data10 !== "string"){
const err28 = {instancePath:instancePath+"/commands/restart",schemaPath:"#/definitions/commandPermission/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema30.oneOf[0].type,parentSchema:schema30.oneOf[0],data:data10};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if(!((data10 === "writers") || (data10 === "allowed"))){
const err29 = {instancePath:instancePath+"/commands/restart",schemaPath:"#/definitions/commandPermission/oneOf/0/enum",keyword:"enum",params:{allowedValues: schema30.oneOf[0].enum},message:"must be equal to one of the allowed values",schema:schema30.oneOf[0].enum,parentSchema:schema30.oneOf[0],data:data10};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
var _valid2 = _errs36 === errors;
if(_valid2){
valid16 = true;
passing2 = 0;
}
const _errs38 = errors;
if(Array.isArray(data10)){
if(data10.length < 1){
const err30 = {instancePath:instancePath+"/commands/restart",schemaPath:"#/definitions/commandPermission/oneOf/1/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema30.oneOf[1],data:data10};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
const len3 = data10.length;
for(let i6=0; i6<len3; i6++){
let data11 = data10[i6];
if(typeof data11 === "string"){
if(!pattern16.test(data11)){
const err31 = {instancePath:instancePath+"/commands/restart/" + i6,schemaPath:"#/definitions/commandPermission/oneOf/1/items/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$"+"\"",schema:"^[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$",parentSchema:schema30.oneOf[1].items,data:data11};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
else {
const err32 = {instancePath:instancePath+"/commands/restart/" + i6,schemaPath:"#/definitions/commandPermission/oneOf/1/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema30.oneOf[1].items.type,parentSchema:schema30.oneOf[1].items,data:data11};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
let i7 = data10.length;
let j3;
if(i7 > 1){
const indices3 = {};
for(;i7--;){
let item3 = data10[i7];
if(typeof item3 !== "string"){
continue;
}
if(typeof indices3[item3] == "number"){
j3 = indices3[item3];
const err33 = {instancePath:instancePath+"/commands/restart",schemaPath:"#/definitions/commandPermission/oneOf/1/uniqueItems",keyword:"uniqueItems",params:{i: i7, j: j3},message:"must NOT have duplicate items (items ## "+j3+" and "+i7+" are identical)",schema:true,parentSchema:schema30.oneOf[1],data:data10};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
break;
}
indices3[item3] = i7;
}
}
}
else {
const err34 = {instancePath:instancePath+"/commands/restart",schemaPath:"#/definitions/commandPermission/oneOf/1/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema30.oneOf[1].type,parentSchema:schema30.oneOf[1],data:data10};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
var _valid2 = _errs38 === errors;
if(_valid2 && valid16){
valid16 = false;
passing2 = [passing2, 1];
}
else {
if(_valid2){
valid16 = true;
passing2 = 1;
}
}
if(!valid16){
const err35 = {instancePath:instancePath+"/commands/restart",schemaPath:"#/definitions/commandPermission/oneOf",keyword:"oneOf",params:{passingSchemas: passing2},message:"must match exactly one schema in oneOf",schema:schema30.oneOf,parentSchema:schema30,data:data10};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
else {
errors = _errs35;
if(vErrors !== null){
if(_errs35){
vErrors.length = _errs35;
}
else {
vErrors = null;
}
}
}
}
if(data5.suspend !== undefined){
let data12 = data5.suspend;
const _errs44 = errors;
let valid21 = false;
let passing3 = null;
const _errs45 = errors;
if(typeof data12 !== "string"){
const err36 = {instancePath:instancePath+"/commands/suspend",schemaPath:"#/definitions/commandPermission/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema30.oneOf[0].type,parentSchema:schema30.oneOf[0],data:data12};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if(!((data12 === "writers") || (data12 === "allowed"))){
const err37 = {instancePath:instancePath+"/commands/suspend",schemaPath:"#/definitions/commandPermission/oneOf/0/enum",keyword:"enum",params:{allowedValues: schema30.oneOf[0].enum},message:"must be equal to one of the allowed values",schema:schema30.oneOf[0].enum,parentSchema:schema30.oneOf[0],data:data12};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
var _valid3 = _errs45 === errors;
if(_valid3){
valid21 = true;
passing3 = 0;
}
const _errs47 = errors;
if(Array.isArray(data12)){
if(data12.length < 1){
const err38 = {instancePath:instancePath+"/commands/suspend",schemaPath:"#/definitions/commandPermission/oneOf/1/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema30.oneOf[1],data:data12};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
const len4 = data12.length;
for(let i8=0; i8<len4; i8++){
let data13 = data12[i8];
if(typeof data13 === "string"){
if(!pattern16.test(data13)){
const err39 = {instancePath:instancePath+"/commands/suspend/" + i8,schemaPath:"#/definitions/commandPermission/oneOf/1/items/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$"+"\"",schema:"^[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$",parentSchema:schema30.oneOf[1].items,data:data13};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
else {
const err40 = {instancePath:instancePath+"/commands/suspend/" + i8,schemaPath:"#/definitions/commandPermission/oneOf/1/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema30.oneOf[1].items.type,parentSchema:schema30.oneOf[1].items,data:data13};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
let i9 = data12.length;
let j4;
if(i9 > 1){
const indices4 = {};
for(;i9--;){
let item4 = data12[i9];
if(typeof item4 !== "string"){
continue;
}
if(typeof indices4[item4] == "number"){
j4 = indices4[item4];
const err41 = {instancePath:instancePath+"/commands/suspend",schemaPath:"#/definitions/commandPermission/oneOf/1/uniqueItems",keyword:"uniqueItems",params:{i: i9, j: j4},message:"must NOT have duplicate items (items ## "+j4+" and "+i9+" are identical)",schema:true,parentSchema:schema30.oneOf[1],data:data12};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
break;
}
indices4[item4] = i9;
}
}
}
else {
const err42 = {instancePath:instancePath+"/commands/suspend",schemaPath:"#/definitions/commandPermission/oneOf/1/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema30.oneOf[1].type,parentSchema:schema30.oneOf[1],data:data12};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
var _valid3 = _errs47 === errors;
if(_valid3 && valid21){
valid21 = false;
passing3 = [passing3, 1];
}
else {
if(_valid3){
valid21 = true;
passing3 = 1;
}
}
if(!valid21){
const err43 = {instancePath:instancePath+"/commands/suspend",schemaPath:"#/definitions/commandPermission/oneOf",keyword:"oneOf",params:{passingSchemas: passing3},message:"must match exactly one schema in oneOf",schema:schema30.oneOf,parentSchema:schema30,data:data12};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
else {
errors = _errs44;
if(vErrors !== null){
if(_errs44){
vErrors.length = _errs44;
}
else {
vErrors = null;
}
}
}
}
if(data5.resume !== undefined){
let data14 = data5.resume;
const _errs53 = errors;
let valid26 = false;
let passing4 = null;
const _errs54 = errors;
if(typeof data14 !== "string"){
const err44 = {instancePath:instancePath+"/commands/resume",schemaPath:"#/definitions/commandPermission/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema30.oneOf[0].type,parentSchema:schema30.oneOf[0],data:data14};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
if(!((data14 === "writers") || (data14 === "allowed"))){
const err45 = {instancePath:instancePath+"/commands/resume",schemaPath:"#/definitions/commandPermission/oneOf/0/enum",keyword:"enum",params:{allowedValues: schema30.oneOf[0].enum},message:"must be equal to one of the allowed values",schema:schema30.oneOf[0].enum,parentSchema:schema30.oneOf[0],data:data14};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
var _valid4 = _errs54 === errors;
if(_valid4){
valid26 = true;
passing4 = 0;
}
const _errs56 = errors;
if(Array.isArray(data14)){
if(data14.length < 1){
const err46 = {instancePath:instancePath+"/commands/resume",schemaPath:"#/definitions/commandPermission/oneOf/1/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema30.oneOf[1],data:data14};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
const len5 = data14.length;
for(let i10=0; i10<len5; i10++){
let data15 = data14[i10];
if(typeof data15 === "string"){
if(!pattern16.test(data15)){
const err47 = {instancePath:instancePath+"/commands/resume/" + i10,schemaPath:"#/definitions/commandPermission/oneOf/1/items/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$"+"\"",schema:"^[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$",parentSchema:schema30.oneOf[1].items,data:data15};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
else {
const err48 = {instancePath:instancePath+"/commands/resume/" + i10,schemaPath:"#/definitions/commandPermission/oneOf/1/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema30.oneOf[1].items.type,parentSchema:schema30.oneOf[1].items,data:data15};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
let i11 = data14.length;
let j5;
if(i11 > 1){
const indices5 = {};
for(;i11--;){
let item5 = data14[i11];
if(typeof item5 !== "string"){
continue;
}
if(typeof indices5[item5] == "number"){
j5 = indices5[item5];
const err49 = {instancePath:instancePath+"/commands/resume",schemaPath:"#/definitions/commandPermission/oneOf/1/uniqueItems",keyword:"uniqueItems",params:{i: i11, j: j5},message:"must NOT have duplicate items (items ## "+j5+" and "+i11+" are identical)",schema:true,parentSchema:schema30.oneOf[1],data:data14};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
break;
}
indices5[item5] = i11;
}
}
}
else {
const err50 = {instancePath:instancePath+"/commands/resume",schemaPath:"#/definitions/commandPermission/oneOf/1/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema30.oneOf[1].type,parentSchema:schema30.oneOf[1],data:data14};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
var _valid4 = _errs56 === errors;
if(_valid4 && valid26){
valid26 = false;
passing4 = [passing4, 1];
}
else {
if(_valid4){
valid26 = true;
passing4 = 1;
}
}
if(!valid26){
const err51 = {instancePath:instancePath+"/commands/resume",schemaPath:"#/definitions/commandPermission/oneOf",keyword:"oneOf",params:{passingSchemas: passing4},message:"must match exactly one schema in oneOf",schema:schema30.oneOf,parentSchema:schema30,data:data14};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
else {
errors = _errs53;
if(vErrors !== null){
if(_errs53){
vErrors.length = _errs53;
}
else {
vErrors = null;
}
}
}
}
if(data5.rollback !== undefined){
let data16 = data5.rollback;
const _errs62 = errors;
let valid31 = false;
let passing5 = null;
const _errs63 = errors;
if(typeof data16 !== "string"){
const err52 = {instancePath:instancePath+"/commands/rollback",schemaPath:"#/definitions/commandPermission/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema30.oneOf[0].type,parentSchema:schema30.oneOf[0],data:data16};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
if(!((data16 === "writers") || (data16 === "allowed"))){
const err53 = {instancePath:instancePath+"/commands/rollback",schemaPath:"#/definitions/commandPermission/oneOf/0/enum",keyword:"enum",params:{allowedValues: schema30.oneOf[0].enum},message:"must be equal to one of the allowed values",schema:schema30.oneOf[0].enum,parentSchema:schema30.oneOf[0],data:data16};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
var _valid5 = _errs63 === errors;
if(_valid5){
valid31 = true;
passing5 = 0;
}
const _errs65 = errors;
if(Array.isArray(data16)){
if(data16.length < 1){
const err54 = {instancePath:instancePath+"/commands/rollback",schemaPath:"#/definitions/commandPermission/oneOf/1/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema30.oneOf[1],data:data16};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
const len6 = data16.length;
for(let i12=0; i12<len6; i12++){
let data17 = data16[i12];
if(typeof data17 === "string"){
if(!pattern16.test(data17)){
const err55 = {instancePath:instancePath+"/commands/rollback/" + i12,schemaPath:"#/definitions/commandPermission/oneOf/1/items/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$"+"\"",schema:"^[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$",parentSchema:schema30.oneOf[1].items,data:data17};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
else {
const err56 = {instancePath:instancePath+"/commands/rollback/" + i12,schemaPath:"#/definitions/commandPermission/oneOf/1/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema30.oneOf[1].items.type,parentSchema:schema30.oneOf[1].items,data:data17};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
let i13 = data16.length;
let j6;
if(i13 > 1){
const indices6 = {};
for(;i13--;){
let item6 = data16[i13];
if(typeof item6 !== "string"){
continue;
}
if(typeof indices6[item6] == "number"){
j6 = indices6[item6];
const err57 = {instancePath:instancePath+"/commands/rollback",schemaPath:"#/definitions/commandPermission/oneOf/1/uniqueItems",keyword:"uniqueItems",params:{i: i13, j: j6},message:"must NOT have duplicate items (items ## "+j6+" and "+i13+" are identical)",schema:true,parentSchema:schema30.oneOf[1],data:data16};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
break;
}
indices6[item6] = i13;
}
}
}
else {
const err58 = {instancePath:instancePath+"/commands/rollback",schemaPath:"#/definitions/commandPermission/oneOf/1/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema30.oneOf[1].type,parentSchema:schema30.oneOf[1],data:data16};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
var _valid5 = _errs65 === errors;
if(_valid5 && valid31){
valid31 = false;
passing5 = [passing5, 1];
}
else {
if(_valid5){
valid31 = true;
passing5 = 1;
}
}
if(!valid31){
const err59 = {instancePath:instancePath+"/commands/rollback",schemaPath:"#/definitions/commandPermission/oneOf",keyword:"oneOf",params:{passingSchemas: passing5},message:"must match exactly one schema in oneOf",schema:schema30.oneOf,parentSchema:schema30,data:data16};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
else {
errors = _errs62;
if(vErrors !== null){
if(_errs62){
vErrors.length = _errs62;
}
else {
vErrors = null;
}
}
}
}
if(data5.status !== undefined){
let data18 = data5.status;
const _errs71 = errors;
let valid36 = false;
let passing6 = null;
const _errs72 = errors;
if(typeof data18 !== "string"){
const err60 = {instancePath:instancePath+"/commands/status",schemaPath:"#/definitions/commandPermission/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema30.oneOf[0].type,parentSchema:schema30.oneOf[0],data:data18};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
if(!((data18 === "writers") || (data18 === "allowed"))){
const err61 = {instancePath:instancePath+"/commands/status",schemaPath:"#/definitions/commandPermission/oneOf/0/enum",keyword:"enum",params:{allowedValues: schema30.oneOf[0].enum},message:"must be equal to one of the allowed values",schema:schema30.oneOf[0].enum,parentSchema:schema30.oneOf[0],data:data18};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
var _valid6 = _errs72 === errors;
if(_valid6){
valid36 = true;
passing6 = 0;
}
const _errs74 = errors;
if(Array.isArray(data18)){
if(data18.length < 1){
const err62 = {instancePath:instancePath+"/commands/status",schemaPath:"#/definitions/commandPermission/oneOf/1/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema30.oneOf[1],data:data18};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
const len7 = data18.length;
for(let i14=0; i14<len7; i14++){
let data19 = data18[i14];
if(typeof data19 === "string"){
if(!pattern16.test(data19)){
const err63 = {instancePath:instancePath+"/commands/status/" + i14,schemaPath:"#/definitions/commandPermission/oneOf/1/items/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$"+"\"",schema:"^[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9._-]+)?$",parentSchema:schema30.oneOf[1].items,data:data19};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
else {
const err64 = {instancePath:instancePath+"/commands/status/" + i14,schemaPath:"#/definitions/commandPermission/oneOf/1/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema30.oneOf[1].items.type,parentSchema:schema30.oneOf[1].items,data:data19};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
let i15 = data18.length;
let j7;
if(i15 > 1){
const indices7 = {};
for(;i15--;){
let item7 = data18[i15];
if(typeof item7 !== "string"){
continue;
}
if(typeof indices7[item7] == "number"){
j7 = indices7[item7];
const err65 = {instancePath:instancePath+"/commands/status",schemaPath:"#/definitions/commandPermission/oneOf/1/uniqueItems",keyword:"uniqueItems",params:{i: i15, j: j7},message:"must NOT have duplicate items (items ## "+j7+" and "+i15+" are identical)",schema:true,parentSchema:schema30.oneOf[1],data:data18};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
break;
}
indices7[item7] = i15;
}
}
}
else {
const err66 = {instancePath:instancePath+"/commands/status",schemaPath:"#/definitions/commandPermission/oneOf/1/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema30.oneOf[1].type,parentSchema:schema30.oneOf[1],data:data18};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
var _valid6 = _errs74 === errors;
if(_valid6 && valid36){
valid36 = false;
passing6 = [passing6, 1];
}
else {
if(_valid6){
valid36 = true;
passing6 = 1;
}
}
if(!valid36){
const err67 = {instancePath:instancePath+"/commands/status",schemaPath:"#/definitions/commandPermission/oneOf",keyword:"oneOf",params:{passingSchemas: passing6},message:"must match exactly one schema in oneOf",schema:schema30.oneOf,parentSchema:schema30,data:data18};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
else {
errors = _errs71;
if(vErrors !== null){
if(_errs71){
vErrors.length = _errs71;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err68 = {instancePath:instancePath+"/commands",schemaPath:"#/properties/commands/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema29.properties.commands.type,parentSchema:schema29.properties.commands,data:data5};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
if(data.webUI !== undefined){
let data20 = data.webUI;
if(data20 && typeof data20 == "object" && !Array.isArray(data20)){
for(const key2 in data20){
if(!(key2 === "ingress")){
const err69 = {instancePath:instancePath+"/webUI",schemaPath:"#/properties/webUI/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema29.properties.webUI,data:data20};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
if(data20.ingress !== undefined){
let data21 = data20.ingress;
if(typeof data21 === "string"){
if(func4(data21) < 1){
const err70 = {instancePath:instancePath+"/webUI/ingress",schemaPath:"#/properties/webUI/properties/ingress/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema29.properties.webUI.properties.ingress,data:data21};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
else {
const err71 = {instancePath:instancePath+"/webUI/ingress",schemaPath:"#/properties/webUI/properties/ingress/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema29.properties.webUI.properties.ingress.type,parentSchema:schema29.properties.webUI.properties.ingress,data:data21};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
}
else {
const err72 = {instancePath:instancePath+"/webUI",schemaPath:"#/properties/webUI/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema29.properties.webUI.type,parentSchema:schema29.properties.webUI,data:data20};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
}
if(data.deploy !== undefined){
let data22 = data.deploy;
if(data22 && typeof data22 == "object" && !Array.isArray(data22)){
for(const key3 in data22){
if(!((key3 === "timeout") || (key3 === "prune"))){
const err73 = {instancePath:instancePath+"/deploy",schemaPath:"#/definitions/deploy/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema28,data:data22};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
}
if(data22.timeout !== undefined){
let data23 = data22.timeout;
if(typeof data23 === "string"){
if(!pattern14.test(data23)){
const err74 = {instancePath:instancePath+"/deploy/timeout",schemaPath:"#/definitions/deploy/properties/timeout/pattern",keyword:"pattern",params:{pattern: "^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?$"},message:"must match pattern \""+"^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?$"+"\"",schema:"^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?$",parentSchema:schema28.properties.timeout,data:data23};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
else {
const err75 = {instancePath:instancePath+"/deploy/timeout",schemaPath:"#/definitions/deploy/properties/timeout/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema28.properties.timeout.type,parentSchema:schema28.properties.timeout,data:data23};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
}
if(data22.prune !== undefined){
let data24 = data22.prune;
if(typeof data24 !== "boolean"){
const err76 = {instancePath:instancePath+"/deploy/prune",schemaPath:"#/definitions/deploy/properties/prune/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema28.properties.prune.type,parentSchema:schema28.properties.prune,data:data24};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
}
}
else {
const err77 = {instancePath:instancePath+"/deploy",schemaPath:"#/definitions/deploy/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema28.type,parentSchema:schema28,data:data22};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
}
if(data.flinkVersion !== undefined){
let data25 = data.flinkVersion;
if(typeof data25 !== "string"){
const err78 = {instancePath:instancePath+"/flinkVersion",schemaPath:"#/definitions/flinkVersion/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data25};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
if(!(((((((data25 === "1.17") || (data25 === "1.18")) || (data25 === "1.19")) || (data25 === "1.20")) || (data25 === "2.0")) || (data25 === "2.1")) || (data25 === "2.2"))){
const err79 = {instancePath:instancePath+"/flinkVersion",schemaPath:"#/definitions/flinkVersion/enum",keyword:"enum",params:{allowedValues: schema12.enum},message:"must be equal to one of the allowed values",schema:schema12.enum,parentSchema:schema12,data:data25};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
}
if(data.namespace !== undefined){
let data26 = data.namespace;
if(typeof data26 === "string"){
if(func4(data26) > 63){
const err80 = {instancePath:instancePath+"/namespace",schemaPath:"#/definitions/namespace/maxLength",keyword:"maxLength",params:{limit: 63},message:"must NOT have more than 63 characters",schema:63,parentSchema:schema13,data:data26};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
if(!pattern1.test(data26)){
const err81 = {instancePath:instancePath+"/namespace",schemaPath:"#/definitions/namespace/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",parentSchema:schema13,data:data26};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
}
else {
const err82 = {instancePath:instancePath+"/namespace",schemaPath:"#/definitions/namespace/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.type,parentSchema:schema13,data:data26};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
}
if(data.baseImage !== undefined){
let data27 = data.baseImage;
if(typeof data27 === "string"){
if(func4(data27) < 1){
const err83 = {instancePath:instancePath+"/baseImage",schemaPath:"#/definitions/baseImage/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema14,data:data27};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
}
else {
const err84 = {instancePath:instancePath+"/baseImage",schemaPath:"#/definitions/baseImage/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.type,parentSchema:schema14,data:data27};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
}
if(data.runner !== undefined){
let data28 = data.runner;
if(data28 && typeof data28 == "object" && !Array.isArray(data28)){
if(data28.jarURI === undefined){
const err85 = {instancePath:instancePath+"/runner",schemaPath:"#/definitions/runner/required",keyword:"required",params:{missingProperty: "jarURI"},message:"must have required property '"+"jarURI"+"'",schema:schema15.required,parentSchema:schema15,data:data28};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
for(const key4 in data28){
if(!((((key4 === "jarURI") || (key4 === "args")) || (key4 === "scriptPath")) || (key4 === "entryClass"))){
const err86 = {instancePath:instancePath+"/runner",schemaPath:"#/definitions/runner/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema15,data:data28};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
}
if(data28.jarURI !== undefined){
let data29 = data28.jarURI;
if(typeof data29 === "string"){
if(func4(data29) < 1){
const err87 = {instancePath:instancePath+"/runner/jarURI",schemaPath:"#/definitions/runner/properties/jarURI/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema15.properties.jarURI,data:data29};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
}
else {
const err88 = {instancePath:instancePath+"/runner/jarURI",schemaPath:"#/definitions/runner/properties/jarURI/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.properties.jarURI.type,parentSchema:schema15.properties.jarURI,data:data29};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
}
if(data28.args !== undefined){
let data30 = data28.args;
if(Array.isArray(data30)){
const len8 = data30.length;
for(let i16=0; i16<len8; i16++){
let data31 = data30[i16];
if(typeof data31 !== "string"){
const err89 = {instancePath:instancePath+"/runner/args/" + i16,schemaPath:"#/definitions/runner/properties/args/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.properties.args.items.type,parentSchema:schema15.properties.args.items,data:data31};
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
const err90 = {instancePath:instancePath+"/runner/args",schemaPath:"#/definitions/runner/properties/args/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema15.properties.args.type,parentSchema:schema15.properties.args,data:data30};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
}
if(data28.scriptPath !== undefined){
let data32 = data28.scriptPath;
if(typeof data32 === "string"){
if(!pattern2.test(data32)){
const err91 = {instancePath:instancePath+"/runner/scriptPath",schemaPath:"#/definitions/runner/properties/scriptPath/pattern",keyword:"pattern",params:{pattern: "^/"},message:"must match pattern \""+"^/"+"\"",schema:"^/",parentSchema:schema15.properties.scriptPath,data:data32};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
}
else {
const err92 = {instancePath:instancePath+"/runner/scriptPath",schemaPath:"#/definitions/runner/properties/scriptPath/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.properties.scriptPath.type,parentSchema:schema15.properties.scriptPath,data:data32};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
}
if(data28.entryClass !== undefined){
let data33 = data28.entryClass;
if(typeof data33 === "string"){
if(func4(data33) < 1){
const err93 = {instancePath:instancePath+"/runner/entryClass",schemaPath:"#/definitions/runner/properties/entryClass/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema15.properties.entryClass,data:data33};
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
const err94 = {instancePath:instancePath+"/runner/entryClass",schemaPath:"#/definitions/runner/properties/entryClass/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.properties.entryClass.type,parentSchema:schema15.properties.entryClass,data:data33};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
}
}
else {
const err95 = {instancePath:instancePath+"/runner",schemaPath:"#/definitions/runner/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema15.type,parentSchema:schema15,data:data28};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
}
if(data.parallelism !== undefined){
let data34 = data.parallelism;
if(!(((typeof data34 == "number") && (!(data34 % 1) && !isNaN(data34))) && (isFinite(data34)))){
const err96 = {instancePath:instancePath+"/parallelism",schemaPath:"#/definitions/parallelism/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema16.type,parentSchema:schema16,data:data34};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
}
if((typeof data34 == "number") && (isFinite(data34))){
if(data34 > 32768 || isNaN(data34)){
const err97 = {instancePath:instancePath+"/parallelism",schemaPath:"#/definitions/parallelism/maximum",keyword:"maximum",params:{comparison: "<=", limit: 32768},message:"must be <= 32768",schema:32768,parentSchema:schema16,data:data34};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
}
if(data34 < 1 || isNaN(data34)){
const err98 = {instancePath:instancePath+"/parallelism",schemaPath:"#/definitions/parallelism/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema16,data:data34};
if(vErrors === null){
vErrors = [err98];
}
else {
vErrors.push(err98);
}
errors++;
}
}
}
if(data.upgradeMode !== undefined){
let data35 = data.upgradeMode;
if(typeof data35 !== "string"){
const err99 = {instancePath:instancePath+"/upgradeMode",schemaPath:"#/definitions/upgradeMode/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.type,parentSchema:schema17,data:data35};
if(vErrors === null){
vErrors = [err99];
}
else {
vErrors.push(err99);
}
errors++;
}
if(!(((data35 === "stateless") || (data35 === "savepoint")) || (data35 === "last-state"))){
const err100 = {instancePath:instancePath+"/upgradeMode",schemaPath:"#/definitions/upgradeMode/enum",keyword:"enum",params:{allowedValues: schema17.enum},message:"must be equal to one of the allowed values",schema:schema17.enum,parentSchema:schema17,data:data35};
if(vErrors === null){
vErrors = [err100];
}
else {
vErrors.push(err100);
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
let data37 = data.flinkConfiguration;
if(data37 && typeof data37 == "object" && !Array.isArray(data37)){
for(const key5 in data37){
const _errs124 = errors;
if(typeof key5 === "string"){
if(func4(key5) < 1){
const err101 = {instancePath:instancePath+"/flinkConfiguration",schemaPath:"#/definitions/flinkConfiguration/propertyNames/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema23.propertyNames,data:key5,propertyName:key5};
if(vErrors === null){
vErrors = [err101];
}
else {
vErrors.push(err101);
}
errors++;
}
}
var valid53 = _errs124 === errors;
if(!valid53){
const err102 = {instancePath:instancePath+"/flinkConfiguration",schemaPath:"#/definitions/flinkConfiguration/propertyNames",keyword:"propertyNames",params:{propertyName: key5},message:"property name must be valid",schema:schema23.propertyNames,parentSchema:schema23,data:data37};
if(vErrors === null){
vErrors = [err102];
}
else {
vErrors.push(err102);
}
errors++;
}
}
for(const key6 in data37){
let data38 = data37[key6];
if(typeof data38 !== "string"){
const err103 = {instancePath:instancePath+"/flinkConfiguration/" + key6.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/flinkConfiguration/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema23.additionalProperties.type,parentSchema:schema23.additionalProperties,data:data38};
if(vErrors === null){
vErrors = [err103];
}
else {
vErrors.push(err103);
}
errors++;
}
}
}
else {
const err104 = {instancePath:instancePath+"/flinkConfiguration",schemaPath:"#/definitions/flinkConfiguration/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema23.type,parentSchema:schema23,data:data37};
if(vErrors === null){
vErrors = [err104];
}
else {
vErrors.push(err104);
}
errors++;
}
}
if(data.serviceAccount !== undefined){
let data39 = data.serviceAccount;
if(typeof data39 === "string"){
if(func4(data39) > 253){
const err105 = {instancePath:instancePath+"/serviceAccount",schemaPath:"#/definitions/serviceAccount/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters",schema:253,parentSchema:schema24,data:data39};
if(vErrors === null){
vErrors = [err105];
}
else {
vErrors.push(err105);
}
errors++;
}
if(func4(data39) < 1){
const err106 = {instancePath:instancePath+"/serviceAccount",schemaPath:"#/definitions/serviceAccount/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema24,data:data39};
if(vErrors === null){
vErrors = [err106];
}
else {
vErrors.push(err106);
}
errors++;
}
if(!pattern5.test(data39)){
const err107 = {instancePath:instancePath+"/serviceAccount",schemaPath:"#/definitions/serviceAccount/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"+"\"",schema:"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",parentSchema:schema24,data:data39};
if(vErrors === null){
vErrors = [err107];
}
else {
vErrors.push(err107);
}
errors++;
}
}
else {
const err108 = {instancePath:instancePath+"/serviceAccount",schemaPath:"#/definitions/serviceAccount/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema24.type,parentSchema:schema24,data:data39};
if(vErrors === null){
vErrors = [err108];
}
else {
vErrors.push(err108);
}
errors++;
}
}
if(data.variables !== undefined){
let data40 = data.variables;
if(data40 && typeof data40 == "object" && !Array.isArray(data40)){
for(const key7 in data40){
const _errs134 = errors;
if(typeof key7 === "string"){
if(!pattern6.test(key7)){
const err109 = {instancePath:instancePath+"/variables",schemaPath:"#/definitions/variables/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_.-]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_.-]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_.-]*$",parentSchema:schema25.propertyNames,data:key7,propertyName:key7};
if(vErrors === null){
vErrors = [err109];
}
else {
vErrors.push(err109);
}
errors++;
}
}
var valid57 = _errs134 === errors;
if(!valid57){
const err110 = {instancePath:instancePath+"/variables",schemaPath:"#/definitions/variables/propertyNames",keyword:"propertyNames",params:{propertyName: key7},message:"property name must be valid",schema:schema25.propertyNames,parentSchema:schema25,data:data40};
if(vErrors === null){
vErrors = [err110];
}
else {
vErrors.push(err110);
}
errors++;
}
}
for(const key8 in data40){
let data41 = data40[key8];
if(typeof data41 !== "string"){
const err111 = {instancePath:instancePath+"/variables/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/variables/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.additionalProperties.type,parentSchema:schema25.additionalProperties,data:data41};
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
const err112 = {instancePath:instancePath+"/variables",schemaPath:"#/definitions/variables/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema25.type,parentSchema:schema25,data:data40};
if(vErrors === null){
vErrors = [err112];
}
else {
vErrors.push(err112);
}
errors++;
}
}
if(data.secrets !== undefined){
let data42 = data.secrets;
if(data42 && typeof data42 == "object" && !Array.isArray(data42)){
for(const key9 in data42){
const _errs141 = errors;
if(typeof key9 === "string"){
if(!pattern6.test(key9)){
const err113 = {instancePath:instancePath+"/secrets",schemaPath:"#/definitions/secrets/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_.-]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_.-]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_.-]*$",parentSchema:schema26.propertyNames,data:key9,propertyName:key9};
if(vErrors === null){
vErrors = [err113];
}
else {
vErrors.push(err113);
}
errors++;
}
}
var valid60 = _errs141 === errors;
if(!valid60){
const err114 = {instancePath:instancePath+"/secrets",schemaPath:"#/definitions/secrets/propertyNames",keyword:"propertyNames",params:{propertyName: key9},message:"property name must be valid",schema:schema26.propertyNames,parentSchema:schema26,data:data42};
if(vErrors === null){
vErrors = [err114];
}
else {
vErrors.push(err114);
}
errors++;
}
}
for(const key10 in data42){
let data43 = data42[key10];
if(data43 && typeof data43 == "object" && !Array.isArray(data43)){
if(data43.secret === undefined){
const err115 = {instancePath:instancePath+"/secrets/" + key10.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/secrets/additionalProperties/required",keyword:"required",params:{missingProperty: "secret"},message:"must have required property '"+"secret"+"'",schema:schema26.additionalProperties.required,parentSchema:schema26.additionalProperties,data:data43};
if(vErrors === null){
vErrors = [err115];
}
else {
vErrors.push(err115);
}
errors++;
}
if(data43.key === undefined){
const err116 = {instancePath:instancePath+"/secrets/" + key10.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/secrets/additionalProperties/required",keyword:"required",params:{missingProperty: "key"},message:"must have required property '"+"key"+"'",schema:schema26.additionalProperties.required,parentSchema:schema26.additionalProperties,data:data43};
if(vErrors === null){
vErrors = [err116];
}
else {
vErrors.push(err116);
}
errors++;
}
for(const key11 in data43){
if(!((key11 === "secret") || (key11 === "key"))){
const err117 = {instancePath:instancePath+"/secrets/" + key10.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/secrets/additionalProperties/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key11},message:"must NOT have additional properties",schema:false,parentSchema:schema26.additionalProperties,data:data43};
if(vErrors === null){
vErrors = [err117];
}
else {
vErrors.push(err117);
}
errors++;
}
}
if(data43.secret !== undefined){
let data44 = data43.secret;
if(typeof data44 === "string"){
if(func4(data44) > 253){
const err118 = {instancePath:instancePath+"/secrets/" + key10.replace(/~/g, "~0").replace(/\//g, "~1")+"/secret",schemaPath:"#/definitions/secrets/additionalProperties/properties/secret/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters",schema:253,parentSchema:schema26.additionalProperties.properties.secret,data:data44};
if(vErrors === null){
vErrors = [err118];
}
else {
vErrors.push(err118);
}
errors++;
}
if(func4(data44) < 1){
const err119 = {instancePath:instancePath+"/secrets/" + key10.replace(/~/g, "~0").replace(/\//g, "~1")+"/secret",schemaPath:"#/definitions/secrets/additionalProperties/properties/secret/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema26.additionalProperties.properties.secret,data:data44};
if(vErrors === null){
vErrors = [err119];
}
else {
vErrors.push(err119);
}
errors++;
}
if(!pattern5.test(data44)){
const err120 = {instancePath:instancePath+"/secrets/" + key10.replace(/~/g, "~0").replace(/\//g, "~1")+"/secret",schemaPath:"#/definitions/secrets/additionalProperties/properties/secret/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"+"\"",schema:"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",parentSchema:schema26.additionalProperties.properties.secret,data:data44};
if(vErrors === null){
vErrors = [err120];
}
else {
vErrors.push(err120);
}
errors++;
}
}
else {
const err121 = {instancePath:instancePath+"/secrets/" + key10.replace(/~/g, "~0").replace(/\//g, "~1")+"/secret",schemaPath:"#/definitions/secrets/additionalProperties/properties/secret/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema26.additionalProperties.properties.secret.type,parentSchema:schema26.additionalProperties.properties.secret,data:data44};
if(vErrors === null){
vErrors = [err121];
}
else {
vErrors.push(err121);
}
errors++;
}
}
if(data43.key !== undefined){
let data45 = data43.key;
if(typeof data45 === "string"){
if(func4(data45) > 253){
const err122 = {instancePath:instancePath+"/secrets/" + key10.replace(/~/g, "~0").replace(/\//g, "~1")+"/key",schemaPath:"#/definitions/secrets/additionalProperties/properties/key/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters",schema:253,parentSchema:schema26.additionalProperties.properties.key,data:data45};
if(vErrors === null){
vErrors = [err122];
}
else {
vErrors.push(err122);
}
errors++;
}
if(func4(data45) < 1){
const err123 = {instancePath:instancePath+"/secrets/" + key10.replace(/~/g, "~0").replace(/\//g, "~1")+"/key",schemaPath:"#/definitions/secrets/additionalProperties/properties/key/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema26.additionalProperties.properties.key,data:data45};
if(vErrors === null){
vErrors = [err123];
}
else {
vErrors.push(err123);
}
errors++;
}
if(!pattern9.test(data45)){
const err124 = {instancePath:instancePath+"/secrets/" + key10.replace(/~/g, "~0").replace(/\//g, "~1")+"/key",schemaPath:"#/definitions/secrets/additionalProperties/properties/key/pattern",keyword:"pattern",params:{pattern: "^(?!\\.\\.?$)(?!\\.\\.)[-._a-zA-Z0-9]+$"},message:"must match pattern \""+"^(?!\\.\\.?$)(?!\\.\\.)[-._a-zA-Z0-9]+$"+"\"",schema:"^(?!\\.\\.?$)(?!\\.\\.)[-._a-zA-Z0-9]+$",parentSchema:schema26.additionalProperties.properties.key,data:data45};
if(vErrors === null){
vErrors = [err124];
}
else {
vErrors.push(err124);
}
errors++;
}
}
else {
const err125 = {instancePath:instancePath+"/secrets/" + key10.replace(/~/g, "~0").replace(/\//g, "~1")+"/key",schemaPath:"#/definitions/secrets/additionalProperties/properties/key/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema26.additionalProperties.properties.key.type,parentSchema:schema26.additionalProperties.properties.key,data:data45};
if(vErrors === null){
vErrors = [err125];
}
else {
vErrors.push(err125);
}
errors++;
}
}
}
else {
const err126 = {instancePath:instancePath+"/secrets/" + key10.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/secrets/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema26.additionalProperties.type,parentSchema:schema26.additionalProperties,data:data43};
if(vErrors === null){
vErrors = [err126];
}
else {
vErrors.push(err126);
}
errors++;
}
}
}
else {
const err127 = {instancePath:instancePath+"/secrets",schemaPath:"#/definitions/secrets/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema26.type,parentSchema:schema26,data:data42};
if(vErrors === null){
vErrors = [err127];
}
else {
vErrors.push(err127);
}
errors++;
}
}
if(data.sessionCluster !== undefined){
let data46 = data.sessionCluster;
if(typeof data46 === "string"){
if(func4(data46) > 45){
const err128 = {instancePath:instancePath+"/sessionCluster",schemaPath:"#/definitions/sessionCluster/maxLength",keyword:"maxLength",params:{limit: 45},message:"must NOT have more than 45 characters",schema:45,parentSchema:schema27,data:data46};
if(vErrors === null){
vErrors = [err128];
}
else {
vErrors.push(err128);
}
errors++;
}
if(!pattern1.test(data46)){
const err129 = {instancePath:instancePath+"/sessionCluster",schemaPath:"#/definitions/sessionCluster/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",parentSchema:schema27,data:data46};
if(vErrors === null){
vErrors = [err129];
}
else {
vErrors.push(err129);
}
errors++;
}
}
else {
const err130 = {instancePath:instancePath+"/sessionCluster",schemaPath:"#/definitions/sessionCluster/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.type,parentSchema:schema27,data:data46};
if(vErrors === null){
vErrors = [err130];
}
else {
vErrors.push(err130);
}
errors++;
}
}
}
else {
const err131 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema29.type,parentSchema:schema29,data};
if(vErrors === null){
vErrors = [err131];
}
else {
vErrors.push(err131);
}
errors++;
}
validate13.errors = vErrors;
return errors === 0;
}


function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://streampilot.dev/schemas/project.schema.json" */;
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
if(data.environments === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "environments"},message:"must have required property '"+"environments"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema11.properties, key0))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.apiVersion !== undefined){
let data0 = data.apiVersion;
if(typeof data0 !== "string"){
const err4 = {instancePath:instancePath+"/apiVersion",schemaPath:"#/properties/apiVersion/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.apiVersion.type,parentSchema:schema11.properties.apiVersion,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if("streampilot.dev/v1" !== data0){
const err5 = {instancePath:instancePath+"/apiVersion",schemaPath:"#/properties/apiVersion/const",keyword:"const",params:{allowedValue: "streampilot.dev/v1"},message:"must be equal to constant",schema:"streampilot.dev/v1",parentSchema:schema11.properties.apiVersion,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.kind !== undefined){
let data1 = data.kind;
if(typeof data1 !== "string"){
const err6 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.kind.type,parentSchema:schema11.properties.kind,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if("Project" !== data1){
const err7 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "Project"},message:"must be equal to constant",schema:"Project",parentSchema:schema11.properties.kind,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.repository !== undefined){
let data2 = data.repository;
if(typeof data2 === "string"){
if(!pattern0.test(data2)){
const err8 = {instancePath:instancePath+"/repository",schemaPath:"#/properties/repository/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$"},message:"must match pattern \""+"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$"+"\"",schema:"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$",parentSchema:schema11.properties.repository,data:data2};
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
const err9 = {instancePath:instancePath+"/repository",schemaPath:"#/properties/repository/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.repository.type,parentSchema:schema11.properties.repository,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.defaults !== undefined){
let data3 = data.defaults;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
for(const key1 in data3){
if(!(func2.call(schema11.properties.defaults.properties, key1))){
const err10 = {instancePath:instancePath+"/defaults",schemaPath:"#/properties/defaults/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.defaults,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data3.flinkVersion !== undefined){
let data4 = data3.flinkVersion;
if(typeof data4 !== "string"){
const err11 = {instancePath:instancePath+"/defaults/flinkVersion",schemaPath:"#/definitions/flinkVersion/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(!(((((((data4 === "1.17") || (data4 === "1.18")) || (data4 === "1.19")) || (data4 === "1.20")) || (data4 === "2.0")) || (data4 === "2.1")) || (data4 === "2.2"))){
const err12 = {instancePath:instancePath+"/defaults/flinkVersion",schemaPath:"#/definitions/flinkVersion/enum",keyword:"enum",params:{allowedValues: schema12.enum},message:"must be equal to one of the allowed values",schema:schema12.enum,parentSchema:schema12,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data3.namespace !== undefined){
let data5 = data3.namespace;
if(typeof data5 === "string"){
if(func4(data5) > 63){
const err13 = {instancePath:instancePath+"/defaults/namespace",schemaPath:"#/definitions/namespace/maxLength",keyword:"maxLength",params:{limit: 63},message:"must NOT have more than 63 characters",schema:63,parentSchema:schema13,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(!pattern1.test(data5)){
const err14 = {instancePath:instancePath+"/defaults/namespace",schemaPath:"#/definitions/namespace/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",parentSchema:schema13,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/defaults/namespace",schemaPath:"#/definitions/namespace/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.type,parentSchema:schema13,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data3.baseImage !== undefined){
let data6 = data3.baseImage;
if(typeof data6 === "string"){
if(func4(data6) < 1){
const err16 = {instancePath:instancePath+"/defaults/baseImage",schemaPath:"#/definitions/baseImage/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema14,data:data6};
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
const err17 = {instancePath:instancePath+"/defaults/baseImage",schemaPath:"#/definitions/baseImage/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.type,parentSchema:schema14,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data3.runner !== undefined){
let data7 = data3.runner;
if(data7 && typeof data7 == "object" && !Array.isArray(data7)){
if(data7.jarURI === undefined){
const err18 = {instancePath:instancePath+"/defaults/runner",schemaPath:"#/definitions/runner/required",keyword:"required",params:{missingProperty: "jarURI"},message:"must have required property '"+"jarURI"+"'",schema:schema15.required,parentSchema:schema15,data:data7};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
for(const key2 in data7){
if(!((((key2 === "jarURI") || (key2 === "args")) || (key2 === "scriptPath")) || (key2 === "entryClass"))){
const err19 = {instancePath:instancePath+"/defaults/runner",schemaPath:"#/definitions/runner/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema15,data:data7};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data7.jarURI !== undefined){
let data8 = data7.jarURI;
if(typeof data8 === "string"){
if(func4(data8) < 1){
const err20 = {instancePath:instancePath+"/defaults/runner/jarURI",schemaPath:"#/definitions/runner/properties/jarURI/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema15.properties.jarURI,data:data8};
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
const err21 = {instancePath:instancePath+"/defaults/runner/jarURI",schemaPath:"#/definitions/runner/properties/jarURI/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.properties.jarURI.type,parentSchema:schema15.properties.jarURI,data:data8};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data7.args !== undefined){
let data9 = data7.args;
if(Array.isArray(data9)){
const len0 = data9.length;
for(let i0=0; i0<len0; i0++){
let data10 = data9[i0];
if(typeof data10 !== "string"){
const err22 = {instancePath:instancePath+"/defaults/runner/args/" + i0,schemaPath:"#/definitions/runner/properties/args/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.properties.args.items.type,parentSchema:schema15.properties.args.items,data:data10};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
else {
const err23 = {instancePath:instancePath+"/defaults/runner/args",schemaPath:"#/definitions/runner/properties/args/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema15.properties.args.type,parentSchema:schema15.properties.args,data:data9};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data7.scriptPath !== undefined){
let data11 = data7.scriptPath;
if(typeof data11 === "string"){
if(!pattern2.test(data11)){
const err24 = {instancePath:instancePath+"/defaults/runner/scriptPath",schemaPath:"#/definitions/runner/properties/scriptPath/pattern",keyword:"pattern",params:{pattern: "^/"},message:"must match pattern \""+"^/"+"\"",schema:"^/",parentSchema:schema15.properties.scriptPath,data:data11};
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
const err25 = {instancePath:instancePath+"/defaults/runner/scriptPath",schemaPath:"#/definitions/runner/properties/scriptPath/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.properties.scriptPath.type,parentSchema:schema15.properties.scriptPath,data:data11};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data7.entryClass !== undefined){
let data12 = data7.entryClass;
if(typeof data12 === "string"){
if(func4(data12) < 1){
const err26 = {instancePath:instancePath+"/defaults/runner/entryClass",schemaPath:"#/definitions/runner/properties/entryClass/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema15.properties.entryClass,data:data12};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
else {
const err27 = {instancePath:instancePath+"/defaults/runner/entryClass",schemaPath:"#/definitions/runner/properties/entryClass/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.properties.entryClass.type,parentSchema:schema15.properties.entryClass,data:data12};
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
const err28 = {instancePath:instancePath+"/defaults/runner",schemaPath:"#/definitions/runner/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema15.type,parentSchema:schema15,data:data7};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data3.parallelism !== undefined){
let data13 = data3.parallelism;
if(!(((typeof data13 == "number") && (!(data13 % 1) && !isNaN(data13))) && (isFinite(data13)))){
const err29 = {instancePath:instancePath+"/defaults/parallelism",schemaPath:"#/definitions/parallelism/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema16.type,parentSchema:schema16,data:data13};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
if((typeof data13 == "number") && (isFinite(data13))){
if(data13 > 32768 || isNaN(data13)){
const err30 = {instancePath:instancePath+"/defaults/parallelism",schemaPath:"#/definitions/parallelism/maximum",keyword:"maximum",params:{comparison: "<=", limit: 32768},message:"must be <= 32768",schema:32768,parentSchema:schema16,data:data13};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if(data13 < 1 || isNaN(data13)){
const err31 = {instancePath:instancePath+"/defaults/parallelism",schemaPath:"#/definitions/parallelism/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema16,data:data13};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
}
if(data3.upgradeMode !== undefined){
let data14 = data3.upgradeMode;
if(typeof data14 !== "string"){
const err32 = {instancePath:instancePath+"/defaults/upgradeMode",schemaPath:"#/definitions/upgradeMode/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.type,parentSchema:schema17,data:data14};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
if(!(((data14 === "stateless") || (data14 === "savepoint")) || (data14 === "last-state"))){
const err33 = {instancePath:instancePath+"/defaults/upgradeMode",schemaPath:"#/definitions/upgradeMode/enum",keyword:"enum",params:{allowedValues: schema17.enum},message:"must be equal to one of the allowed values",schema:schema17.enum,parentSchema:schema17,data:data14};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data3.resources !== undefined){
if(!(validate11(data3.resources, {instancePath:instancePath+"/defaults/resources",parentData:data3,parentDataProperty:"resources",rootData}))){
vErrors = vErrors === null ? validate11.errors : vErrors.concat(validate11.errors);
errors = vErrors.length;
}
}
if(data3.flinkConfiguration !== undefined){
let data16 = data3.flinkConfiguration;
if(data16 && typeof data16 == "object" && !Array.isArray(data16)){
for(const key3 in data16){
const _errs44 = errors;
if(typeof key3 === "string"){
if(func4(key3) < 1){
const err34 = {instancePath:instancePath+"/defaults/flinkConfiguration",schemaPath:"#/definitions/flinkConfiguration/propertyNames/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema23.propertyNames,data:key3,propertyName:key3};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
var valid12 = _errs44 === errors;
if(!valid12){
const err35 = {instancePath:instancePath+"/defaults/flinkConfiguration",schemaPath:"#/definitions/flinkConfiguration/propertyNames",keyword:"propertyNames",params:{propertyName: key3},message:"property name must be valid",schema:schema23.propertyNames,parentSchema:schema23,data:data16};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
for(const key4 in data16){
let data17 = data16[key4];
if(typeof data17 !== "string"){
const err36 = {instancePath:instancePath+"/defaults/flinkConfiguration/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/flinkConfiguration/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema23.additionalProperties.type,parentSchema:schema23.additionalProperties,data:data17};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
}
else {
const err37 = {instancePath:instancePath+"/defaults/flinkConfiguration",schemaPath:"#/definitions/flinkConfiguration/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema23.type,parentSchema:schema23,data:data16};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(data3.serviceAccount !== undefined){
let data18 = data3.serviceAccount;
if(typeof data18 === "string"){
if(func4(data18) > 253){
const err38 = {instancePath:instancePath+"/defaults/serviceAccount",schemaPath:"#/definitions/serviceAccount/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters",schema:253,parentSchema:schema24,data:data18};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if(func4(data18) < 1){
const err39 = {instancePath:instancePath+"/defaults/serviceAccount",schemaPath:"#/definitions/serviceAccount/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema24,data:data18};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
if(!pattern5.test(data18)){
const err40 = {instancePath:instancePath+"/defaults/serviceAccount",schemaPath:"#/definitions/serviceAccount/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"+"\"",schema:"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",parentSchema:schema24,data:data18};
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
const err41 = {instancePath:instancePath+"/defaults/serviceAccount",schemaPath:"#/definitions/serviceAccount/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema24.type,parentSchema:schema24,data:data18};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
if(data3.variables !== undefined){
let data19 = data3.variables;
if(data19 && typeof data19 == "object" && !Array.isArray(data19)){
for(const key5 in data19){
const _errs54 = errors;
if(typeof key5 === "string"){
if(!pattern6.test(key5)){
const err42 = {instancePath:instancePath+"/defaults/variables",schemaPath:"#/definitions/variables/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_.-]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_.-]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_.-]*$",parentSchema:schema25.propertyNames,data:key5,propertyName:key5};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
var valid16 = _errs54 === errors;
if(!valid16){
const err43 = {instancePath:instancePath+"/defaults/variables",schemaPath:"#/definitions/variables/propertyNames",keyword:"propertyNames",params:{propertyName: key5},message:"property name must be valid",schema:schema25.propertyNames,parentSchema:schema25,data:data19};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
for(const key6 in data19){
let data20 = data19[key6];
if(typeof data20 !== "string"){
const err44 = {instancePath:instancePath+"/defaults/variables/" + key6.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/variables/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.additionalProperties.type,parentSchema:schema25.additionalProperties,data:data20};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
}
else {
const err45 = {instancePath:instancePath+"/defaults/variables",schemaPath:"#/definitions/variables/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema25.type,parentSchema:schema25,data:data19};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
if(data3.secrets !== undefined){
let data21 = data3.secrets;
if(data21 && typeof data21 == "object" && !Array.isArray(data21)){
for(const key7 in data21){
const _errs61 = errors;
if(typeof key7 === "string"){
if(!pattern6.test(key7)){
const err46 = {instancePath:instancePath+"/defaults/secrets",schemaPath:"#/definitions/secrets/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_.-]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_.-]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_.-]*$",parentSchema:schema26.propertyNames,data:key7,propertyName:key7};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
var valid19 = _errs61 === errors;
if(!valid19){
const err47 = {instancePath:instancePath+"/defaults/secrets",schemaPath:"#/definitions/secrets/propertyNames",keyword:"propertyNames",params:{propertyName: key7},message:"property name must be valid",schema:schema26.propertyNames,parentSchema:schema26,data:data21};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
for(const key8 in data21){
let data22 = data21[key8];
if(data22 && typeof data22 == "object" && !Array.isArray(data22)){
if(data22.secret === undefined){
const err48 = {instancePath:instancePath+"/defaults/secrets/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/secrets/additionalProperties/required",keyword:"required",params:{missingProperty: "secret"},message:"must have required property '"+"secret"+"'",schema:schema26.additionalProperties.required,parentSchema:schema26.additionalProperties,data:data22};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
if(data22.key === undefined){
const err49 = {instancePath:instancePath+"/defaults/secrets/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/secrets/additionalProperties/required",keyword:"required",params:{missingProperty: "key"},message:"must have required property '"+"key"+"'",schema:schema26.additionalProperties.required,parentSchema:schema26.additionalProperties,data:data22};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
for(const key9 in data22){
if(!((key9 === "secret") || (key9 === "key"))){
const err50 = {instancePath:instancePath+"/defaults/secrets/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/secrets/additionalProperties/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key9},message:"must NOT have additional properties",schema:false,parentSchema:schema26.additionalProperties,data:data22};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
if(data22.secret !== undefined){
let data23 = data22.secret;
if(typeof data23 === "string"){
if(func4(data23) > 253){
const err51 = {instancePath:instancePath+"/defaults/secrets/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/secret",schemaPath:"#/definitions/secrets/additionalProperties/properties/secret/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters",schema:253,parentSchema:schema26.additionalProperties.properties.secret,data:data23};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
if(func4(data23) < 1){
const err52 = {instancePath:instancePath+"/defaults/secrets/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/secret",schemaPath:"#/definitions/secrets/additionalProperties/properties/secret/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema26.additionalProperties.properties.secret,data:data23};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
if(!pattern5.test(data23)){
const err53 = {instancePath:instancePath+"/defaults/secrets/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/secret",schemaPath:"#/definitions/secrets/additionalProperties/properties/secret/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"+"\"",schema:"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",parentSchema:schema26.additionalProperties.properties.secret,data:data23};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
else {
const err54 = {instancePath:instancePath+"/defaults/secrets/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/secret",schemaPath:"#/definitions/secrets/additionalProperties/properties/secret/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema26.additionalProperties.properties.secret.type,parentSchema:schema26.additionalProperties.properties.secret,data:data23};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
if(data22.key !== undefined){
let data24 = data22.key;
if(typeof data24 === "string"){
if(func4(data24) > 253){
const err55 = {instancePath:instancePath+"/defaults/secrets/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/key",schemaPath:"#/definitions/secrets/additionalProperties/properties/key/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters",schema:253,parentSchema:schema26.additionalProperties.properties.key,data:data24};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
if(func4(data24) < 1){
const err56 = {instancePath:instancePath+"/defaults/secrets/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/key",schemaPath:"#/definitions/secrets/additionalProperties/properties/key/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema26.additionalProperties.properties.key,data:data24};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
if(!pattern9.test(data24)){
const err57 = {instancePath:instancePath+"/defaults/secrets/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/key",schemaPath:"#/definitions/secrets/additionalProperties/properties/key/pattern",keyword:"pattern",params:{pattern: "^(?!\\.\\.?$)(?!\\.\\.)[-._a-zA-Z0-9]+$"},message:"must match pattern \""+"^(?!\\.\\.?$)(?!\\.\\.)[-._a-zA-Z0-9]+$"+"\"",schema:"^(?!\\.\\.?$)(?!\\.\\.)[-._a-zA-Z0-9]+$",parentSchema:schema26.additionalProperties.properties.key,data:data24};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
else {
const err58 = {instancePath:instancePath+"/defaults/secrets/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/key",schemaPath:"#/definitions/secrets/additionalProperties/properties/key/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema26.additionalProperties.properties.key.type,parentSchema:schema26.additionalProperties.properties.key,data:data24};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
}
else {
const err59 = {instancePath:instancePath+"/defaults/secrets/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/secrets/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema26.additionalProperties.type,parentSchema:schema26.additionalProperties,data:data22};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
}
else {
const err60 = {instancePath:instancePath+"/defaults/secrets",schemaPath:"#/definitions/secrets/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema26.type,parentSchema:schema26,data:data21};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
if(data3.sessionCluster !== undefined){
let data25 = data3.sessionCluster;
if(typeof data25 === "string"){
if(func4(data25) > 45){
const err61 = {instancePath:instancePath+"/defaults/sessionCluster",schemaPath:"#/definitions/sessionCluster/maxLength",keyword:"maxLength",params:{limit: 45},message:"must NOT have more than 45 characters",schema:45,parentSchema:schema27,data:data25};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
if(!pattern1.test(data25)){
const err62 = {instancePath:instancePath+"/defaults/sessionCluster",schemaPath:"#/definitions/sessionCluster/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",parentSchema:schema27,data:data25};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
else {
const err63 = {instancePath:instancePath+"/defaults/sessionCluster",schemaPath:"#/definitions/sessionCluster/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.type,parentSchema:schema27,data:data25};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
}
else {
const err64 = {instancePath:instancePath+"/defaults",schemaPath:"#/properties/defaults/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.defaults.type,parentSchema:schema11.properties.defaults,data:data3};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
if(data.registry !== undefined){
let data26 = data.registry;
if(data26 && typeof data26 == "object" && !Array.isArray(data26)){
if(data26.repository === undefined){
const err65 = {instancePath:instancePath+"/registry",schemaPath:"#/properties/registry/required",keyword:"required",params:{missingProperty: "repository"},message:"must have required property '"+"repository"+"'",schema:schema11.properties.registry.required,parentSchema:schema11.properties.registry,data:data26};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
for(const key10 in data26){
if(!((key10 === "repository") || (key10 === "insecure"))){
const err66 = {instancePath:instancePath+"/registry",schemaPath:"#/properties/registry/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key10},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.registry,data:data26};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
if(data26.repository !== undefined){
let data27 = data26.repository;
if(typeof data27 === "string"){
if(!pattern11.test(data27)){
const err67 = {instancePath:instancePath+"/registry/repository",schemaPath:"#/properties/registry/properties/repository/pattern",keyword:"pattern",params:{pattern: "^[^\\s:/]+(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)+$"},message:"must match pattern \""+"^[^\\s:/]+(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)+$"+"\"",schema:"^[^\\s:/]+(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)+$",parentSchema:schema11.properties.registry.properties.repository,data:data27};
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
const err68 = {instancePath:instancePath+"/registry/repository",schemaPath:"#/properties/registry/properties/repository/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.registry.properties.repository.type,parentSchema:schema11.properties.registry.properties.repository,data:data27};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
if(data26.insecure !== undefined){
let data28 = data26.insecure;
if(typeof data28 !== "boolean"){
const err69 = {instancePath:instancePath+"/registry/insecure",schemaPath:"#/properties/registry/properties/insecure/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema11.properties.registry.properties.insecure.type,parentSchema:schema11.properties.registry.properties.insecure,data:data28};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
}
else {
const err70 = {instancePath:instancePath+"/registry",schemaPath:"#/properties/registry/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.registry.type,parentSchema:schema11.properties.registry,data:data26};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
if(data.provided !== undefined){
let data29 = data.provided;
if(data29 && typeof data29 == "object" && !Array.isArray(data29)){
for(const key11 in data29){
if(!(key11 === "connectors")){
const err71 = {instancePath:instancePath+"/provided",schemaPath:"#/properties/provided/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key11},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.provided,data:data29};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
if(data29.connectors !== undefined){
let data30 = data29.connectors;
if(Array.isArray(data30)){
const len1 = data30.length;
for(let i1=0; i1<len1; i1++){
let data31 = data30[i1];
if(typeof data31 === "string"){
if(func4(data31) < 1){
const err72 = {instancePath:instancePath+"/provided/connectors/" + i1,schemaPath:"#/properties/provided/properties/connectors/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.provided.properties.connectors.items,data:data31};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
}
else {
const err73 = {instancePath:instancePath+"/provided/connectors/" + i1,schemaPath:"#/properties/provided/properties/connectors/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.provided.properties.connectors.items.type,parentSchema:schema11.properties.provided.properties.connectors.items,data:data31};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
}
let i2 = data30.length;
let j0;
if(i2 > 1){
const indices0 = {};
for(;i2--;){
let item0 = data30[i2];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err74 = {instancePath:instancePath+"/provided/connectors",schemaPath:"#/properties/provided/properties/connectors/uniqueItems",keyword:"uniqueItems",params:{i: i2, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i2+" are identical)",schema:true,parentSchema:schema11.properties.provided.properties.connectors,data:data30};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
break;
}
indices0[item0] = i2;
}
}
}
else {
const err75 = {instancePath:instancePath+"/provided/connectors",schemaPath:"#/properties/provided/properties/connectors/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.provided.properties.connectors.type,parentSchema:schema11.properties.provided.properties.connectors,data:data30};
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
const err76 = {instancePath:instancePath+"/provided",schemaPath:"#/properties/provided/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.provided.type,parentSchema:schema11.properties.provided,data:data29};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
}
if(data.maven !== undefined){
let data32 = data.maven;
if(data32 && typeof data32 == "object" && !Array.isArray(data32)){
for(const key12 in data32){
if(!(key12 === "repositories")){
const err77 = {instancePath:instancePath+"/maven",schemaPath:"#/properties/maven/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key12},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.maven,data:data32};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
}
if(data32.repositories !== undefined){
let data33 = data32.repositories;
if(Array.isArray(data33)){
if(data33.length < 1){
const err78 = {instancePath:instancePath+"/maven/repositories",schemaPath:"#/properties/maven/properties/repositories/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema11.properties.maven.properties.repositories,data:data33};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
const len2 = data33.length;
for(let i3=0; i3<len2; i3++){
let data34 = data33[i3];
if(data34 && typeof data34 == "object" && !Array.isArray(data34)){
if(data34.id === undefined){
const err79 = {instancePath:instancePath+"/maven/repositories/" + i3,schemaPath:"#/properties/maven/properties/repositories/items/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema11.properties.maven.properties.repositories.items.required,parentSchema:schema11.properties.maven.properties.repositories.items,data:data34};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
if(data34.url === undefined){
const err80 = {instancePath:instancePath+"/maven/repositories/" + i3,schemaPath:"#/properties/maven/properties/repositories/items/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'",schema:schema11.properties.maven.properties.repositories.items.required,parentSchema:schema11.properties.maven.properties.repositories.items,data:data34};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
for(const key13 in data34){
if(!(((((key13 === "id") || (key13 === "url")) || (key13 === "username")) || (key13 === "password")) || (key13 === "checksums"))){
const err81 = {instancePath:instancePath+"/maven/repositories/" + i3,schemaPath:"#/properties/maven/properties/repositories/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key13},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.maven.properties.repositories.items,data:data34};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
}
if(data34.id !== undefined){
let data35 = data34.id;
if(typeof data35 === "string"){
if(!pattern12.test(data35)){
const err82 = {instancePath:instancePath+"/maven/repositories/" + i3+"/id",schemaPath:"#/properties/maven/properties/repositories/items/properties/id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9._-]*$"+"\"",schema:"^[A-Za-z0-9][A-Za-z0-9._-]*$",parentSchema:schema11.properties.maven.properties.repositories.items.properties.id,data:data35};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
}
else {
const err83 = {instancePath:instancePath+"/maven/repositories/" + i3+"/id",schemaPath:"#/properties/maven/properties/repositories/items/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.maven.properties.repositories.items.properties.id.type,parentSchema:schema11.properties.maven.properties.repositories.items.properties.id,data:data35};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
}
if(data34.url !== undefined){
let data36 = data34.url;
if(typeof data36 === "string"){
if(!pattern13.test(data36)){
const err84 = {instancePath:instancePath+"/maven/repositories/" + i3+"/url",schemaPath:"#/properties/maven/properties/repositories/items/properties/url/pattern",keyword:"pattern",params:{pattern: "^https?://[^\\s]+$"},message:"must match pattern \""+"^https?://[^\\s]+$"+"\"",schema:"^https?://[^\\s]+$",parentSchema:schema11.properties.maven.properties.repositories.items.properties.url,data:data36};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
}
else {
const err85 = {instancePath:instancePath+"/maven/repositories/" + i3+"/url",schemaPath:"#/properties/maven/properties/repositories/items/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.maven.properties.repositories.items.properties.url.type,parentSchema:schema11.properties.maven.properties.repositories.items.properties.url,data:data36};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
}
if(data34.checksums !== undefined){
let data37 = data34.checksums;
if(typeof data37 !== "string"){
const err86 = {instancePath:instancePath+"/maven/repositories/" + i3+"/checksums",schemaPath:"#/properties/maven/properties/repositories/items/properties/checksums/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.maven.properties.repositories.items.properties.checksums.type,parentSchema:schema11.properties.maven.properties.repositories.items.properties.checksums,data:data37};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
if(!((data37 === "required") || (data37 === "optional"))){
const err87 = {instancePath:instancePath+"/maven/repositories/" + i3+"/checksums",schemaPath:"#/properties/maven/properties/repositories/items/properties/checksums/enum",keyword:"enum",params:{allowedValues: schema11.properties.maven.properties.repositories.items.properties.checksums.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.maven.properties.repositories.items.properties.checksums.enum,parentSchema:schema11.properties.maven.properties.repositories.items.properties.checksums,data:data37};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
}
}
else {
const err88 = {instancePath:instancePath+"/maven/repositories/" + i3,schemaPath:"#/properties/maven/properties/repositories/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.maven.properties.repositories.items.type,parentSchema:schema11.properties.maven.properties.repositories.items,data:data34};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
}
}
else {
const err89 = {instancePath:instancePath+"/maven/repositories",schemaPath:"#/properties/maven/properties/repositories/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.maven.properties.repositories.type,parentSchema:schema11.properties.maven.properties.repositories,data:data33};
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
const err90 = {instancePath:instancePath+"/maven",schemaPath:"#/properties/maven/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.maven.type,parentSchema:schema11.properties.maven,data:data32};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
}
if(data.deploy !== undefined){
let data38 = data.deploy;
if(data38 && typeof data38 == "object" && !Array.isArray(data38)){
for(const key14 in data38){
if(!((key14 === "timeout") || (key14 === "prune"))){
const err91 = {instancePath:instancePath+"/deploy",schemaPath:"#/definitions/deploy/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key14},message:"must NOT have additional properties",schema:false,parentSchema:schema28,data:data38};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
}
if(data38.timeout !== undefined){
let data39 = data38.timeout;
if(typeof data39 === "string"){
if(!pattern14.test(data39)){
const err92 = {instancePath:instancePath+"/deploy/timeout",schemaPath:"#/definitions/deploy/properties/timeout/pattern",keyword:"pattern",params:{pattern: "^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?$"},message:"must match pattern \""+"^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?$"+"\"",schema:"^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?$",parentSchema:schema28.properties.timeout,data:data39};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
}
else {
const err93 = {instancePath:instancePath+"/deploy/timeout",schemaPath:"#/definitions/deploy/properties/timeout/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema28.properties.timeout.type,parentSchema:schema28.properties.timeout,data:data39};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
}
if(data38.prune !== undefined){
let data40 = data38.prune;
if(typeof data40 !== "boolean"){
const err94 = {instancePath:instancePath+"/deploy/prune",schemaPath:"#/definitions/deploy/properties/prune/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema28.properties.prune.type,parentSchema:schema28.properties.prune,data:data40};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
}
}
else {
const err95 = {instancePath:instancePath+"/deploy",schemaPath:"#/definitions/deploy/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema28.type,parentSchema:schema28,data:data38};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
}
if(data.environments !== undefined){
let data41 = data.environments;
if(data41 && typeof data41 == "object" && !Array.isArray(data41)){
if(Object.keys(data41).length < 1){
const err96 = {instancePath:instancePath+"/environments",schemaPath:"#/properties/environments/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema11.properties.environments,data:data41};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
}
for(const key15 in data41){
const _errs111 = errors;
if(typeof key15 === "string"){
if(func4(key15) > 63){
const err97 = {instancePath:instancePath+"/environments",schemaPath:"#/properties/environments/propertyNames/maxLength",keyword:"maxLength",params:{limit: 63},message:"must NOT have more than 63 characters",schema:63,parentSchema:schema11.properties.environments.propertyNames,data:key15,propertyName:key15};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
}
if(!pattern15.test(key15)){
const err98 = {instancePath:instancePath+"/environments",schemaPath:"#/properties/environments/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9_]*[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9_]*[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([-a-z0-9_]*[a-z0-9])?$",parentSchema:schema11.properties.environments.propertyNames,data:key15,propertyName:key15};
if(vErrors === null){
vErrors = [err98];
}
else {
vErrors.push(err98);
}
errors++;
}
}
var valid34 = _errs111 === errors;
if(!valid34){
const err99 = {instancePath:instancePath+"/environments",schemaPath:"#/properties/environments/propertyNames",keyword:"propertyNames",params:{propertyName: key15},message:"property name must be valid",schema:schema11.properties.environments.propertyNames,parentSchema:schema11.properties.environments,data:data41};
if(vErrors === null){
vErrors = [err99];
}
else {
vErrors.push(err99);
}
errors++;
}
}
for(const key16 in data41){
if(!(validate13(data41[key16], {instancePath:instancePath+"/environments/" + key16.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data41,parentDataProperty:key16,rootData}))){
vErrors = vErrors === null ? validate13.errors : vErrors.concat(validate13.errors);
errors = vErrors.length;
}
}
}
else {
const err100 = {instancePath:instancePath+"/environments",schemaPath:"#/properties/environments/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.environments.type,parentSchema:schema11.properties.environments,data:data41};
if(vErrors === null){
vErrors = [err100];
}
else {
vErrors.push(err100);
}
errors++;
}
}
}
else {
const err101 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.type,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err101];
}
else {
vErrors.push(err101);
}
errors++;
}
validate10.errors = vErrors;
return errors === 0;
}
