package org.openswarm.license.internal;

import java.util.Map;

import org.openswarm.api.license.LicenseStatus;
import org.openswarm.api.license.SignedLicense;
import org.openswarm.api.license.TokenRequest;
import org.openswarm.common.http.Reply;
import org.openswarm.common.http.Routes;
import org.openswarm.common.http.TokenGuard;

/**
 * The license REST API (docs/architecture.md, "License server"). Token routes are open (a component needs nothing
 * but its uid to take a token); license administration needs the admin token.
 */
final class LicenseRoutes {
    static final String ADMIN_HEADER = "X-Admin-Token";

    private LicenseRoutes() {
    }

    static Routes of(LicenseStore store, TokenGuard admin) {
        return new Routes()
                .get("/is_up", request -> Reply.json(Map.of("status", "UP")))
                .get("/v1/status", request -> Reply.json(new LicenseStatus(store.licenses(), store.usage())))
                .post("/v1/tokens", request -> {
                    LicenseStore.Acquired acquired = store.acquire(request.bodyJson(TokenRequest.class));
                    return Reply.json(acquired.created() ? 201 : 200, acquired.token());
                })
                .post("/v1/tokens/{id}/renew", request -> Reply.json(store.renew(request.pathParam("id"))))
                .delete("/v1/tokens/{id}", request -> {
                    store.release(request.pathParam("id"));
                    return Reply.noContent();
                })
                .get("/v1/tokens", admin.protect(request -> Reply.json(store.tokens())))
                .get("/v1/licenses", admin.protect(request -> Reply.json(store.licenses())))
                .post("/v1/licenses", admin.protect(request -> {
                    LicenseStore.Installed installed = store.install(request.bodyJson(SignedLicense.class));
                    return Reply.json(installed.created() ? 201 : 200, installed.license());
                }))
                .delete("/v1/licenses/{id}", admin.protect(request -> {
                    store.remove(request.pathParam("id"));
                    return Reply.noContent();
                }));
    }
}
