"""The Swci wrapper against an SWCI WEB-MODE TEST DOUBLE: an http.server in a thread that records every command string
and answers scripted ``{"CONTENT": [...]}`` lists."""
import io
import json
import os
import tempfile
import threading
import unittest
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlparse

from openswarm.swci import Swci, SwciError, parse_nodes
from swarmlearning.swci import Swci as RefSwci

from helpers import capture_logger

NODES = ["NodeType,HostIP,Port,ContainerName,UUID,ParentUUID,i-am-alive",
         "SN,10.0.0.1,30304,sn1,u-sn,,2024-01-01 00:00:00\n"
         "SWOP,10.0.0.2,0,swop1,u-swop,u-sn,2024-01-01 00:00:01\n"
         "SL,10.0.0.3,30305,sl1,u-sl,u-sn,2024-01-01 00:00:02"]


class SwciWebTestDouble(object):
    """SWCI WEB-MODE TEST DOUBLE: records commands, answers ``replies[cmd]`` (a CONTENT list) or a default."""

    def __init__(self):
        self.commands = []
        self.bodies = []
        self.uploads = []
        self.replies = {}
        double = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                url = urlparse(self.path)
                if url.path == "/uploadTaskDef":
                    double.uploads.append((self.headers.get("Content-Type"), body))
                    answer = b"Task definition file uploaded"
                    self.send_response(200)
                else:
                    cmd = parse_qs(url.query, keep_blank_values=True)["cmd"][0]
                    double.commands.append(cmd)
                    double.bodies.append(body)
                    reply = double.replies.get(cmd)
                    if callable(reply):
                        reply = reply()
                    if reply is None:
                        reply = ["OK : " + cmd]
                    answer = json.dumps({"CONTENT": reply}).encode("utf-8")
                    self.send_response(200)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


class SwciTest(unittest.TestCase):
    def setUp(self):
        self.double = SwciWebTestDouble().__enter__()
        self.swci = Swci("127.0.0.1", port=self.double.port, logger=capture_logger("swci-test")[0])

    def tearDown(self):
        self.double.__exit__(None, None, None)

    def test_reference_name(self):
        self.assertIs(RefSwci, Swci)

    def test_constructor_checks(self):
        with self.assertRaises(SwciError):
            Swci(None, logger=capture_logger("swci-test")[0])
        with self.assertRaises(RuntimeError):
            Swci("h", port="30306", logger=capture_logger("swci-test")[0])

    def test_every_method_issues_the_reference_command(self):
        s = self.swci
        calls = [
            (lambda: s.createContext("c1", ip="sn1"), "create context c1 with ip sn1 30304"),
            (lambda: s.createContext("c2", ip="sn1", port=4000), "create context c2 with ip sn1 4000"),
            (lambda: s.createContext("c3", service="api.sn.swarm:30304"),
             "create context c3 with service api.sn.swarm:30304"),
            (lambda: s.switchContext("c1"), "switch context c1"),
            (lambda: s.listContexts(), "list contexts"),
            (lambda: s.getContextInfo("c1"), "get context info c1"),
            (lambda: s.createTrainingContract("ct"), "create contract ct"),
            (lambda: s.listTrainingContracts(), "list contracts"),
            (lambda: s.getTrainingContractInfo("ct"), "get contract info ct"),
            (lambda: s.getTrainingContractStatus("ct"), "get contract status ct"),
            (lambda: s.getTrainingContractPerformanceData("ct"), "perfdata ct"),
            (lambda: s.resetTrainingContract(), "reset contract defaultbb.cqdb.sml.hpe"),
            (lambda: s.resetTrainingContract("ct"), "reset contract ct"),
            (lambda: s.createTaskFrom("taskdefs/t.yaml"), "create task from taskdefs/t.yaml"),
            (lambda: s.finalizeTask("t"), "finalize task t"),
            (lambda: s.deleteTask("t"), "delete task t"),
            (lambda: s.getTaskInfo("t"), "get task info t"),
            (lambda: s.getTaskBody("t"), "get task body t"),
            (lambda: s.listTasks(), "list tasks"),
            (lambda: s.assignTask("t", "tr", 2), "assign task t to tr with 2 peers"),
            (lambda: s.getTaskRunnerStatus("tr"), "get taskrunner status tr"),
            (lambda: s.getTaskRunnerPeerStatus("tr", 0), "get taskrunner peer status tr 0"),
            (lambda: s.getTaskRunnerInfo("tr"), "get taskrunner info tr"),
            (lambda: s.listTaskRunners(), "list taskrunners"),
            (lambda: s.resetTaskRunner(), "reset taskrunner defaulttaskbb.taskdb.sml.hpe"),
            (lambda: s.listNodes(), "list Nodes"),
            (lambda: s.ls(), "ls"),
            (lambda: s.ls("-l"), "ls -l"),
            (lambda: s.pwd(), "pwd"),
            (lambda: s.cd("/platform/swarm/usr"), "cd /platform/swarm/usr"),
            (lambda: s.sleep(5), "sleep 5"),
        ]
        for call, command in calls:
            result = call()
            self.assertEqual(self.double.commands[-1], command)
            self.assertEqual(result, ["OK : " + command])
            self.assertIsNone(s.getErrors())
        self.assertEqual(set(self.double.bodies), {b""})  # the body is always empty

    def test_command_is_url_encoded(self):
        self.swci.cd("/a b/&c=d?e#f")
        self.assertEqual(self.double.commands[-1], "cd /a b/&c=d?e#f")

    def test_create_context_needs_ip_or_service(self):
        with self.assertRaises(RuntimeError):
            self.swci.createContext("c")

    def test_multi_line_blocks_are_split_and_stripped(self):
        self.double.replies["get context info c"] = ["  NAME : c\n  IP : sn1  ", "VERSION : 2"]
        self.assertEqual(self.swci.getContextInfo("c"), ["NAME : c", "IP : sn1", "VERSION : 2"])

    def test_first_error_stops_and_is_kept(self):
        self.double.replies["switch context x"] = ["line", "ERROR : no such context x", "ERROR later"]
        self.assertEqual(self.swci.switchContext("x"), [])  # the reference drops the lines before the error too
        self.assertEqual(self.swci.getErrors(), "ERROR : no such context x")
        self.double.replies["switch context y"] = ["ERROR  context y unknown", "more"]
        self.assertEqual(self.swci.switchContext("y"), [])
        self.assertEqual(self.swci.getErrors(), "ERROR  context y unknown")
        self.swci.pwd()
        self.assertIsNone(self.swci.getErrors())

    def test_empty_content_is_an_empty_result(self):
        self.double.replies["pwd"] = []
        self.assertEqual(self.swci.pwd(), [])
        self.assertIsNone(self.swci.getErrors())

    def test_transport_failure_is_an_error(self):
        swci = Swci("127.0.0.1", port=1, logger=capture_logger("swci-test")[0], timeout=2)
        self.assertEqual(swci.pwd(), [])
        self.assertTrue(swci.getErrors().startswith("ERROR : Exception occurred during POST request"))

    def test_read_only_results_cached_per_command(self):
        s = self.swci
        for _ in range(3):
            s.listTasks()
            s.getTaskInfo("t")
            s.getTaskBody("t")
            s.getContextInfo("c")
            s.getTrainingContractInfo("ct")
            s.getTaskRunnerInfo("tr")
            s.listContexts()
            s.listTrainingContracts()
            s.listTaskRunners()
        self.assertEqual(len(self.double.commands), 9)
        s.getTaskInfo("other")
        self.assertEqual(len(self.double.commands), 10)
        for _ in range(2):  # never cached
            s.listNodes()
            s.getTaskRunnerStatus("tr")
            s.getTrainingContractStatus("ct")
        self.assertEqual(len(self.double.commands), 16)
        s.clearCache()
        s.listTasks()
        self.assertEqual(self.double.commands[-1], "list tasks")

    def test_errors_are_not_cached(self):
        self.double.replies["list tasks"] = ["ERROR : chain down"]
        self.swci.listTasks()
        self.double.replies["list tasks"] = ["ROOTTASK"]
        self.assertEqual(self.swci.listTasks(), ["ROOTTASK"])
        self.assertEqual(self.double.commands.count("list tasks"), 2)

    def test_caching_disabled(self):
        swci = Swci("127.0.0.1", port=self.double.port, logger=capture_logger("swci-test")[0], enableCaching=False)
        swci.listTasks()
        swci.listTasks()
        self.assertEqual(self.double.commands.count("list tasks"), 2)

    def test_create_and_delete_drop_cached_lists(self):
        s = self.swci
        s.listContexts()
        s.createContext("c", ip="sn1")
        s.listContexts()
        self.assertEqual(self.double.commands.count("list contexts"), 2)
        s.listTrainingContracts()
        s.createTrainingContract("ct")
        s.listTrainingContracts()
        self.assertEqual(self.double.commands.count("list contracts"), 2)
        s.listTasks()
        s.getTaskInfo("t")
        s.getTaskBody("t")
        s.createTaskFrom("t.yaml")
        s.listTasks()
        self.assertEqual(self.double.commands.count("list tasks"), 2)
        s.deleteTask("t")
        s.listTasks()
        s.getTaskInfo("t")
        s.getTaskBody("t")
        self.assertEqual(self.double.commands.count("list tasks"), 3)
        self.assertEqual(self.double.commands.count("get task info t"), 2)
        self.assertEqual(self.double.commands.count("get task body t"), 2)
        # a failed create keeps the cache
        self.double.replies["create contract bad"] = ["ERROR : exists"]
        s.createTrainingContract("bad")
        s.listTrainingContracts()
        self.assertEqual(self.double.commands.count("list contracts"), 2)

    def test_register_task(self):
        self.double.replies["create task from t.yaml"] = ["Task definition is valid\nTask Registered : mytask"]
        self.assertEqual(self.swci.registerTask("t.yaml"), ["Registered Task : mytask"])
        self.assertEqual(self.double.commands[-2:], ["create task from t.yaml", "finalize task mytask"])
        self.assertEqual(self.swci.registerTask("t.yaml", finalize=False),
                         ["Task definition is valid", "Task Registered : mytask"])
        self.assertEqual(self.double.commands[-1], "create task from t.yaml")
        self.double.replies["create task from bad.yaml"] = ["ERROR : invalid task definition"]
        self.assertEqual(self.swci.registerTask("bad.yaml"), [])
        self.assertEqual(self.swci.getErrors(), "ERROR : invalid task definition")
        self.double.replies["finalize task mytask"] = ["ERROR : already final"]
        self.assertEqual(self.swci.registerTask("t.yaml"), [])

    def test_is_task_done(self):
        for state, done in (("COMPLETE", True), ("ERROR", True), ("IDLE", True), ("RUNNING", False)):
            self.double.replies["get taskrunner status tr"] = ["TASK NAME : t\nTASK_STATE : %s\nACTIVE : 1" % state]
            self.assertEqual(self.swci.isTaskDone("tr"), done, state)
        self.double.replies["get taskrunner status tr"] = ["ERROR : no such taskrunner"]
        with self.assertRaises(RuntimeError) as ctx:
            self.swci.isTaskDone("tr")
        self.assertIn("no such taskrunner", str(ctx.exception))

    def test_execute_task(self):
        states = iter(["RUNNING", "RUNNING", "COMPLETE", "COMPLETE"])
        self.double.replies["get taskrunner status tr"] = lambda: ["TASK_STATE : %s" % next(states)]
        self.double.replies["get taskrunner peer status tr 0"] = ["SWOP_PEER_STATUS : COMPLETE"]
        self.double.replies["get taskrunner peer status tr 1"] = ["SWOP_PEER_STATUS : COMPLETE"]
        slept, out = [], io.StringIO()
        lines = self.swci.executeTask("t", tr="tr", peers=2, pollWaitInSec=7, _sleep=slept.append, out=out)
        self.assertEqual(slept, [7, 7])
        self.assertEqual(self.double.commands[0], "assign task t to tr with 2 peers")
        self.assertEqual(self.double.commands[-3:], ["get taskrunner peer status tr 0",
                                                     "get taskrunner peer status tr 1", "reset taskrunner tr"])
        self.assertIn("Assigned task t on tr for execution", out.getvalue())
        self.assertIn("SWOP_PEER_STATUS : COMPLETE", lines)

    def test_execute_task_error_does_not_reset(self):
        self.double.replies["get taskrunner status tr"] = ["TASK_STATE : ERROR"]
        self.swci.executeTask("t", tr="tr", peers=1, _sleep=lambda s: None, out=io.StringIO())
        self.assertNotIn("reset taskrunner tr", self.double.commands)
        self.double.replies["assign task t to tr with 1 peers"] = ["ERROR : busy"]
        self.assertEqual(self.swci.executeTask("t", tr="tr", out=io.StringIO()), [])

    def test_list_nodes_and_topology(self):
        self.double.replies["list Nodes"] = NODES
        nodes = parse_nodes(self.swci.listNodes())
        self.assertEqual([n["NodeType"] for n in nodes], ["SN", "SWOP", "SL"])
        self.assertEqual(nodes[2]["ParentUUID"], "u-sn")
        try:
            import networkx  # noqa: F401
        except ImportError:
            with self.assertRaises(RuntimeError) as ctx:
                self.swci.plotTopology()
            self.assertIn("plotTopology needs networkx", str(ctx.exception))
        else:
            graph = self.swci.plotTopology()
            self.assertEqual(graph.number_of_nodes(), 3)
            self.assertEqual(graph.number_of_edges(), 2)

    def test_upload_task_definition(self):
        with tempfile.NamedTemporaryFile("wb", suffix=".yaml", delete=False) as f:
            f.write(b"Name: t\nTaskType: RUN_SWARM\n")
        try:
            self.assertEqual(self.swci.uploadTaskDefintion(f.name), "Task definition file uploaded")
        finally:
            os.unlink(f.name)
        content_type, body = self.double.uploads[0]
        self.assertTrue(content_type.startswith("multipart/form-data; boundary="))
        self.assertIn(b'Content-Disposition: form-data; name="file"; filename="%s"' % os.path.basename(f.name)
                      .encode(), body)
        self.assertIn(b"Name: t\nTaskType: RUN_SWARM\n", body)
        with self.assertRaises(RuntimeError):
            self.swci.uploadTaskDefintion("/no/such/file.yaml")

    def test_set_log_level(self):
        self.swci.setLogLevel("DEBUG")
        self.assertEqual(self.swci._logger.level, 10)
        self.swci.setLogLevel("nonsense")
        self.assertEqual(self.swci._logger.level, 30)


if __name__ == "__main__":
    unittest.main()
