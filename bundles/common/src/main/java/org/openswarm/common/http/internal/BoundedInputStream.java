package org.openswarm.common.http.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;

/** Refuses a body that grows past the limit, for chunked requests whose length is not known up front. */
final class BoundedInputStream extends FilterInputStream {
    private final long limit;
    private long read;

    BoundedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0)
            count(1);
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0)
            count(n);
        return n;
    }

    private void count(int n) {
        read += n;
        if (read > limit)
            throw new SwarmException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "Request body exceeds the limit of " + limit + " bytes");
    }
}
