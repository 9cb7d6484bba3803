package org.openswarm.swop.internal.exec;

/**
 * Runs tasks on this host: the profile's {@code resourcemgr.mgrtype} picks one (PROCESS: OS processes and SLs in the
 * local Karaf; DOCKER: containers through the Docker Engine API). The taskrunner loop calls it from one worker
 * thread, one task at a time.
 */
public interface ResourceManager {

    /**
     * Runs this SWOP's part of {@code run} to its end. The loop interrupts the calling thread when the taskrunner is
     * reset; the manager then stops what it started and throws {@link InterruptedException}.
     *
     * @return COMPLETE or ERROR with a readable description; never throws for a task that simply failed
     */
    PeerResult execute(TaskRun run) throws InterruptedException;

    /**
     * The taskrunner moved on (RESET, or a new assignment): stops anything {@code task} still runs and, unless
     * {@code keep}, removes what it set up for the run (SL instances, run directories). Built artifacts (user
     * environments, content, images) stay: later tasks name them.
     */
    void release(TaskSpec task, boolean keep);
}
