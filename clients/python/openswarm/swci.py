"""SWCI web-mode client (reference §3.8) on the standard library: ``Swci`` with the reference wrapper's methods.

Every command goes out as ``POST <scheme>://<swci>:<port>/exec?cmd=<url-encoded SWCI command>`` with an empty body; the
answer is ``{"CONTENT": [<text block>, ...]}``. Blocks are split into stripped lines. The first block starting with
``"ERROR "`` ends the command: the method returns ``[]`` and the error stays readable through ``getErrors()`` (as the
reference wrapper does); a transport failure does the same with ``ERROR : Exception occurred during POST request``.
Read-only results are cached per command string (context, contract, task and taskrunner info, task bodies, the lists)
when ``enableCaching``; a create or delete drops the cached list (and, for a task, its info and body).

TLS: with ``clientCert`` (and ``clientPKey``) the wrapper uses https with that client certificate; ``clientCABundle``
is loaded as trusted CAs and also exported as ``REQUESTS_CA_BUNDLE`` as the reference does. Like the reference, the
server certificate is not verified (SWCI's certificate usually names a container); pass ``verifyServer=True`` to verify
it against ``clientCABundle``.
"""
import json
import logging
import os
import ssl
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

__all__ = ["Swci", "SwciError", "parse_nodes"]

DEFAULT_CONTRACT = "defaultbb.cqdb.sml.hpe"
DEFAULT_TASKRUNNER = "defaulttaskbb.taskdb.sml.hpe"
DONE_STATES = ("COMPLETE", "ERROR", "IDLE")
NODE_FIELDS = ("NodeType", "HostIP", "Port", "ContainerName", "UUID", "ParentUUID", "i-am-alive")

# cached command prefixes (the trailing space matters: the name follows)
_GET_CONTEXT_INFO = "get context info "
_GET_CONTRACT_INFO = "get contract info "
_GET_TASK_BODY = "get task body "
_GET_TASK_INFO = "get task info "
_GET_TASKRUNNER_INFO = "get taskrunner info "
_LIST_CONTEXTS = "list contexts"
_LIST_CONTRACTS = "list contracts"
_LIST_TASKS = "list tasks"
_LIST_TASKRUNNERS = "list taskrunners"


class SwciError(RuntimeError):
    """A wrapper error the reference raises as RuntimeError (missing arguments, a failed upload or status)."""


def _state_of(lines):
    for line in lines or []:
        if "TASK_STATE" in line and ":" in line:
            return line.split(":", 1)[1].strip()
    return None


def parse_nodes(lines):
    """``LIST NODES`` output (a header row, then CSV) -> a list of dicts with the fields of reference §3.6."""
    nodes = []
    for line in (lines or [])[1:]:
        cells = [c.strip() for c in line.strip().split(",")]
        if len(cells) < len(NODE_FIELDS):
            continue
        nodes.append(dict(zip(NODE_FIELDS, cells)))
    return nodes


class Swci(object):
    def __init__(self, swciIp, port=30306, clientCert=None, clientPKey=None, clientCABundle=None, logger=None,
                 logLv=logging.WARNING, enableCaching=True, timeout=600, verifyServer=False):
        if isinstance(logger, logging.Logger):
            self._logger = logger
        else:
            self._logger = logging.getLogger("swci-web")
            if not self._logger.handlers:
                handler = logging.StreamHandler()
                handler.setFormatter(logging.Formatter("%(asctime)s [%(levelname)-5.5s]  %(message)s"))
                self._logger.addHandler(handler)
            self._logger.setLevel(logLv)
        if swciIp is None:
            self._logger.error("SWCI IP not provided!")
            raise SwciError("SWCI IP not provided!")
        if isinstance(port, bool) or not isinstance(port, int):
            self._logger.error("SWCI Port not Integer!")
            raise SwciError("SWCI Port not Integer!")
        self._timeout = timeout
        self._context = None
        scheme = "http"
        if clientCert is not None:
            scheme = "https"
            context = ssl.create_default_context(cafile=clientCABundle) if clientCABundle else \
                ssl.create_default_context()
            if not verifyServer:
                context.check_hostname = False
                context.verify_mode = ssl.CERT_NONE
            context.load_cert_chain(clientCert, clientPKey)
            if clientCABundle is not None:
                os.environ["REQUESTS_CA_BUNDLE"] = clientCABundle
            self._context = context
        host = "[%s]" % swciIp if ":" in str(swciIp) and not str(swciIp).startswith("[") else swciIp
        self._base = "%s://%s:%d" % (scheme, host, port)
        self._logger.info("SWCI Url Prefix = %s/exec?cmd=", self._base)
        self._enableCaching = enableCaching
        self._cache = {}
        self._errors = None

    # ------------------------------------------------------------------ utilities
    def setLogLevel(self, logLv):
        levels = {"CRITICAL": logging.CRITICAL, "ERROR": logging.ERROR, "WARNING": logging.WARNING,
                  "INFO": logging.INFO, "DEBUG": logging.DEBUG}
        self._logger.setLevel(levels.get(logging.getLevelName(logLv) if isinstance(logLv, int) else str(logLv),
                                         logging.WARNING))

    def getErrors(self):
        """The error lines of the last command, joined; ``None`` when it succeeded."""
        return "\n".join(self._errors) if self._errors else None

    def clearCache(self):
        self._cache = {}

    def _open(self, request):
        return urllib.request.urlopen(request, timeout=self._timeout, context=self._context)

    def _exec(self, cmd, cache=False):
        use_cache = cache and self._enableCaching
        if use_cache and self._cache.get(cmd):
            self._errors = None
            return list(self._cache[cmd])
        url = "%s/exec?cmd=%s" % (self._base, urllib.parse.quote(cmd, safe=""))
        self._logger.debug("POSTING URL : %s", url)
        try:
            request = urllib.request.Request(url, data=b"", method="POST")
            with self._open(request) as response:
                answer = json.loads(response.read().decode("utf-8") or "null")
        except Exception as e:  # the reference turns every transport failure into an error line
            self._logger.debug("EXCEPTION : %s", e)
            return self._fail("ERROR : Exception occurred during POST request (%s: %s)" % (type(e).__name__, e))
        if not answer:
            return self._fail("ERROR : Command did not produce output", logging.WARNING)
        lines = []
        for block in (answer.get("CONTENT") or []) if isinstance(answer, dict) else []:
            block = str(block)
            if block.startswith("ERROR "):
                return self._fail(block)
            lines.extend(line.strip() for line in block.splitlines())
        if lines and use_cache:
            self._cache[cmd] = list(lines)
        self._errors = None
        return lines

    def _fail(self, message, level=logging.ERROR):
        self._logger.log(level, message)
        self._errors = [message]
        return []

    def _drop(self, *keys):
        for key in keys:
            self._cache.pop(key, None)

    # ------------------------------------------------------------------ filesystem and session
    def ls(self, optStr=""):
        return self._exec("ls" + (" " + optStr if optStr else ""))

    def pwd(self):
        return self._exec("pwd")

    def cd(self, dirPath):
        return self._exec("cd " + str(dirPath))

    def sleep(self, sleepTime):
        return self._exec("sleep " + str(sleepTime))

    # ------------------------------------------------------------------ contexts
    def createContext(self, ctxName, ip=None, port=30304, service=None):
        if ip is None and service is None:
            raise SwciError("For creating context either IP or Service name is mandatory!")
        if ip is not None:
            cmd = "create context %s with ip %s %d" % (ctxName, ip, int(port))
        else:
            cmd = "create context %s with service %s" % (ctxName, service)
        result = self._exec(cmd)
        if result:
            self._drop(_LIST_CONTEXTS)
        return result

    def switchContext(self, ctxName):
        return self._exec("switch context %s" % ctxName)

    def listContexts(self):
        return self._exec(_LIST_CONTEXTS, cache=True)

    def getContextInfo(self, ctxName):
        return self._exec(_GET_CONTEXT_INFO + str(ctxName), cache=True)

    # ------------------------------------------------------------------ training contracts
    def createTrainingContract(self, ctName):
        result = self._exec("create contract " + str(ctName))
        if result:
            self._drop(_LIST_CONTRACTS)
        return result

    def listTrainingContracts(self):
        return self._exec(_LIST_CONTRACTS, cache=True)

    def getTrainingContractInfo(self, ctName):
        return self._exec(_GET_CONTRACT_INFO + str(ctName), cache=True)

    def getTrainingContractStatus(self, ctName):
        return self._exec("get contract status " + str(ctName))

    def getTrainingContractPerformanceData(self, ctName):
        return self._exec("perfdata " + str(ctName))

    def resetTrainingContract(self, ctName=DEFAULT_CONTRACT):
        return self._exec("reset contract " + str(ctName))

    # ------------------------------------------------------------------ tasks
    def createTaskFrom(self, yamlFileName):
        result = self._exec("create task from " + str(yamlFileName))
        if result:
            self._drop(_LIST_TASKS)
        return result

    def finalizeTask(self, taskName):
        return self._exec("finalize task " + str(taskName))

    def deleteTask(self, taskName):
        result = self._exec("delete task " + str(taskName))
        if result:
            self._drop(_LIST_TASKS, _GET_TASK_BODY + str(taskName), _GET_TASK_INFO + str(taskName))
        return result

    def getTaskInfo(self, taskName):
        return self._exec(_GET_TASK_INFO + str(taskName), cache=True)

    def getTaskBody(self, taskName):
        return self._exec(_GET_TASK_BODY + str(taskName), cache=True)

    def listTasks(self):
        return self._exec(_LIST_TASKS, cache=True)

    def registerTask(self, yamlFileName, finalize=True):
        """``create task from`` the YAML, then (``finalize``) finalize the task named in ``Task Registered : <name>``."""
        result = self.createTaskFrom(yamlFileName)
        if not result:
            return result
        name = None
        for line in result:
            if "Task Registered" in line and ":" in line:
                name = line.split(":", 1)[1].strip()
                break
        if not (finalize and name):
            return result
        if not self.finalizeTask(name):
            return []
        return ["Registered Task : %s" % name]

    def assignTask(self, taskName, trName, peers):
        return self._exec("assign task %s to %s with %d peers" % (taskName, trName, int(peers)))

    # ------------------------------------------------------------------ taskrunners
    def getTaskRunnerStatus(self, trName):
        return self._exec("get taskrunner status " + str(trName))

    def getTaskRunnerPeerStatus(self, trName, idx):
        return self._exec("get taskrunner peer status %s %d" % (trName, int(idx)))

    def getTaskRunnerInfo(self, trName):
        return self._exec(_GET_TASKRUNNER_INFO + str(trName), cache=True)

    def listTaskRunners(self):
        return self._exec(_LIST_TASKRUNNERS, cache=True)

    def resetTaskRunner(self, trName=DEFAULT_TASKRUNNER):
        return self._exec("reset taskrunner " + str(trName))

    def isTaskDone(self, trName):
        """True when the taskrunner's ``TASK_STATE`` is COMPLETE, ERROR or IDLE; SwciError when the status fails."""
        status = self.getTaskRunnerStatus(trName)
        if not status:
            raise SwciError(self.getErrors())
        return _state_of(status) in DONE_STATES

    def executeTask(self, taskName, tr=DEFAULT_TASKRUNNER, peers=1, pollWaitInSec=120, resetTROnSuccess=True,
                    _sleep=time.sleep, out=None):
        """Assigns the task, polls ``isTaskDone`` every ``pollWaitInSec`` seconds, prints the taskrunner status and
        each peer's status, and resets the taskrunner when the task COMPLETEd. Returns the printed lines."""
        out = out or sys.stdout
        result = self.assignTask(taskName, tr, peers)
        if not result:
            self._logger.error("Could not assign task %s on %s", taskName, tr)
            return result
        print("Assigned task %s on %s for execution" % (taskName, tr), file=out)
        while not self.isTaskDone(tr):
            print("Waiting for task %s to complete" % taskName, file=out)
            _sleep(pollWaitInSec)
        lines = self.getTaskRunnerStatus(tr)
        success = _state_of(lines) == "COMPLETE"
        lines.append("=" * 40)
        for i in range(int(peers)):
            lines.extend(self.getTaskRunnerPeerStatus(tr, i))
            lines.append("=" * 40)
        for line in lines:
            print(line, file=out)
        if resetTROnSuccess and success:
            self.resetTaskRunner(tr)
        return lines

    # ------------------------------------------------------------------ nodes
    def listNodes(self):
        return self._exec("list Nodes")  # never cached: the topology changes

    def plotTopology(self, SNColour="#ADD8E6", SWOPColor="#33FF33", SLColor="#FFCCCB", attrs=()):
        """Draws ``LIST NODES`` as a networkx graph (a child -> parent edge per node); returns the graph.

        Needs networkx (and matplotlib to draw); without networkx it raises SwciError."""
        try:
            import networkx as nx
        except ImportError:
            raise SwciError("plotTopology needs networkx (pip install networkx, and matplotlib to draw)")
        nodes = parse_nodes(self.listNodes())
        if not nodes:
            return None
        graph = nx.MultiGraph()
        index = {}
        colours, labels = [], {}
        for ix, data in enumerate(nodes, start=1):
            graph.add_node(ix, **data)
            index[data["UUID"]] = ix
            kind = data["NodeType"]
            if kind in ("SN", "SENTINEL", "FULLNODE"):
                colours.append(SNColour)
                labels[ix] = "SN\n" + data["HostIP"]
            elif kind == "SWOP":
                colours.append(SWOPColor)
                labels[ix] = "SW\n" + data["HostIP"]
            elif kind == "SL":
                colours.append(SLColor)
                labels[ix] = "SL\n" + data["HostIP"]
            else:
                colours.append("#1f78b4")
                labels[ix] = kind + "\n" + data["HostIP"]
            for attr in attrs:
                if attr not in ("NodeType", "HostIP") and attr in data:
                    labels[ix] += "\n" + data[attr]
        for ix, data in enumerate(nodes, start=1):
            parent = index.get(data["ParentUUID"])
            if parent is not None and parent != ix:
                graph.add_edge(ix, parent)
        try:
            pos = nx.spring_layout(graph, k=0.8)
            nx.draw_networkx_nodes(graph, pos, node_color=colours)
            nx.draw_networkx_edges(graph, pos, edgelist=graph.edges(), edge_color="black")
            nx.draw_networkx_labels(graph, pos, labels=labels)
        except ImportError:
            self._logger.warning("matplotlib is not installed: the topology graph is returned, not drawn")
        return graph

    # ------------------------------------------------------------------ upload
    def uploadTaskDefintion(self, taskFilePath):
        """Copies a local task YAML into the SWCI container (``POST /uploadTaskDef``, multipart field ``file``)."""
        path = os.path.abspath(str(taskFilePath))
        if not os.path.isfile(path):
            raise SwciError("Task definition file not found : " + path)
        with open(path, "rb") as f:
            content = f.read()
        boundary = "----openswarm" + uuid.uuid4().hex
        filename = os.path.basename(path).replace('"', "_")
        body = b"".join([
            ("--%s\r\n" % boundary).encode("ascii"),
            ('Content-Disposition: form-data; name="file"; filename="%s"\r\n' % filename).encode("utf-8"),
            b"Content-Type: application/octet-stream\r\n\r\n", content, b"\r\n",
            ("--%s--\r\n" % boundary).encode("ascii")])
        request = urllib.request.Request(self._base + "/uploadTaskDef", data=body, method="POST")
        request.add_header("Content-Type", "multipart/form-data; boundary=" + boundary)
        try:
            with self._open(request) as response:
                return response.read().decode("utf-8", "replace")
        except (OSError, urllib.error.URLError) as e:
            raise SwciError("Task definition file upload failed (%s)" % e)

    uploadTaskDefinition = uploadTaskDefintion  # the correctly spelt name as well
