package org.openswarm.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openswarm.itests.harness.Http;
import org.openswarm.itests.harness.KarafInstance;
import org.openswarm.itests.harness.SharedInstance;

/** The SN API of a booted distribution: readiness, version and the error answers. */
@ExtendWith(SharedInstance.class)
class SnApiIT {
    @Test
    void isUpAnswersJsonOnTheConfiguredPort(KarafInstance openswarm) throws Exception {
        Http.Response response = Http.get(openswarm.snApiUrl("/is_up"));
        assertEquals(200, response.status());
        assertEquals("application/json; charset=utf-8", response.header("Content-Type"));
        Map<?, ?> body = response.json(Map.class);
        assertEquals("UP", body.get("status"));
        assertEquals("SENTINEL", body.get("nodeType"));
        assertEquals((double) openswarm.port(KarafInstance.SN_API), body.get("apiPort"));
    }

    @Test
    void versionNamesTheProduct(KarafInstance openswarm) throws Exception {
        Map<?, ?> body = Http.get(openswarm.snApiUrl("/version")).json(Map.class);
        assertEquals("OpenSwarm", body.get("product"));
        assertEquals("SN", body.get("component"));
        assertTrue(String.valueOf(body.get("version")).matches("\\d+\\.\\d+\\.\\d+.*"), body.toString());
    }

    @Test
    void logsTheReferenceReadinessLineWithTheRealPort(KarafInstance openswarm) {
        String line = "Starting SWARM-API-SERVER on port :" + openswarm.port(KarafInstance.SN_API);
        assertTrue(openswarm.log().contains(line), "karaf.log lacks '" + line + "'");
    }

    @Test
    void unknownPathIs404Json(KarafInstance openswarm) throws Exception {
        Http.Response response = Http.get(openswarm.snApiUrl("/no/such/thing"));
        assertEquals(404, response.status());
        assertEquals(Map.of("error", "NOT_FOUND", "message", "No such resource: /no/such/thing"),
                response.json(Map.class));
    }

    @Test
    void wrongMethodIs405Json(KarafInstance openswarm) throws Exception {
        Http.Response response = Http.post(openswarm.snApiUrl("/is_up"), new byte[0]);
        assertEquals(405, response.status());
        assertEquals("GET", response.header("Allow"));
        assertEquals("METHOD_NOT_ALLOWED", response.json(Map.class).get("error"));
    }

    @Test
    void oversizedBodyIs413Json(KarafInstance openswarm) throws Exception {
        Http.Response response = Http.post(openswarm.snApiUrl("/is_up"), new byte[1024 * 1024 + 1]);
        assertEquals(413, response.status());
        assertEquals("PAYLOAD_TOO_LARGE", response.json(Map.class).get("error"));
    }
}
