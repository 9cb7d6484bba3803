package org.openswarm.swop.internal.profile;

import java.util.List;
import java.util.Map;

/**
 * A validated SWOP profile (reference section 4): one SWOP's group of SL/ML pairs and where it listens.
 *
 * @param groupName  the group ({@code NAME} in taskrunner peer status)
 * @param taskRunner the taskrunner this SWOP listens on
 * @param policyUri  a policy engine's URI; null accepts every task (the only mode implemented)
 * @param manager    the resource manager
 * @param network    the Docker network (DOCKER); optional under PROCESS
 * @param snHost     {@code apisrv.locator.host}, null when the SWOP's configuration decides
 * @param snPort     {@code apisrv.locator.port}, null when the SWOP's configuration decides
 * @param snService  {@code apisrv.locator.service}, null when none
 * @param envvars    {@code envvars}: environment for every SL
 * @param nodes      the SL/ML pairs, in profile order
 * @param document   the whole profile as plain YAML values, for resource managers that need more fields
 */
public record Profile(String groupName, String taskRunner, String policyUri, ResourceManagerType manager,
        String network, String snHost, Integer snPort, String snService, Map<String, String> envvars,
        List<NodeDef> nodes, Map<String, Object> document) {

    /** The resource managers a profile can name. */
    public enum ResourceManagerType {
        DOCKER, PROCESS
    }

    /** How a profile or task names a directory: a host path (BIND) or a named volume (VOLUME). */
    public enum MountType {
        BIND, VOLUME
    }

    /**
     * One {@code slnodedef}: an SL and its ML program.
     *
     * @param idx            the node index within the profile
     * @param slHostname     {@code slhostname}, may be null
     * @param slHostIp       {@code slhostip}: where peers reach the SL's file server; null means 127.0.0.1
     * @param slPort         {@code slport}: the file-server port; null lets the SWOP pick a free one
     * @param slMlPort       extension {@code slmlport}: the SL's local ML API port; null lets the SWOP pick one
     * @param privateSrc     {@code privatedata.src}, null when the node has no private data
     * @param privateType    {@code privatedata.mType}
     * @param slEnvvars      {@code slenvvars}
     * @param usrEnvvars     {@code usrenvvars}: override the task's {@code Envvars}
     * @param definition     the whole slnodedef as plain YAML values
     */
    public record NodeDef(int idx, String slHostname, String slHostIp, Integer slPort, Integer slMlPort,
            String privateSrc, MountType privateType, Map<String, String> slEnvvars, Map<String, String> usrEnvvars,
            Map<String, Object> definition) {
    }
}
