package org.switchboard.licensing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.switchboard.connector.Decision;
import org.switchboard.connector.EventType;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.connector.Reason;
import org.switchboard.connector.Verdict;
import org.switchboard.instances.InstanceId;
import org.switchboard.platform.InvalidInputException;

/**
 * The licences of one instance: its pool size, its subjects, the sessions, pairings and calls it
 * knows of and who holds a licence because of them. Applies {@link LicencePolicy} to every event
 * and keeps what changed until it is drained, so that an adapter can store it. Not thread-safe:
 * one writer at a time, which the adapters guarantee (a row lock per instance).
 * <p>
 * Why this class is large: it is one aggregate whose invariant (no licence over the pool but for
 * emergency calls) spans the refs, the holdings and the count of regular holders, changed together
 * by every event on the hot path. The pending changes ({@link PoolChanges}) and a holding
 * ({@link Holding}) live in their own classes; splitting the state itself would spread that
 * invariant over several classes.
 */
public final class LicencePool {

    /**
     * What changed since the last drain, for storage. {@code newRefs} are those of {@code refs} the
     * pool did not know when they started: storage has no row of them, unless the event repeats
     * one the pool let go of without having it read back ({@link #mayRepeat}).
     */
    public record Changes(List<LicenceRecord> records, Collection<HeldRef> refs, Set<HeldRef> newRefs,
            Collection<Holder> holders, Collection<String> freedSubjects) {

        public boolean isEmpty() {
            return records.isEmpty() && refs.isEmpty() && holders.isEmpty() && freedSubjects.isEmpty();
        }
    }

    private final InstanceId instanceId;
    private final String country;
    private int licensed;
    /** Each subject by its extension, with that extension's string, which all its refs share. */
    private final Map<String, Subject> subjects;
    /** Per reason, the held and refused refs, and ended ones until their change was drained. */
    @SuppressWarnings("unchecked")
    private final Map<String, HeldRef>[] refs = new Map[Reason.values().length];
    /** The ended refs remembered in their compact form, in two generations (see {@link #letGo}). */
    private final EndedRefs endedRefs = new EndedRefs();
    /** When {@link #letGo} next lets go of a generation; null until it is first asked. */
    private Instant nextLetGo;
    private final Map<String, Holding> holdings = new HashMap<>();
    private int regularHolders;

    private final PoolChanges changes = new PoolChanges();

    public LicencePool(InstanceId instanceId, int licensed, String country, Map<String, SubjectKind> subjects) {
        this.instanceId = Objects.requireNonNull(instanceId);
        this.licensed = requireLicensed(licensed);
        this.country = country == null ? LicencePolicy.DEFAULT_COUNTRY : country;
        this.subjects = new HashMap<>();
        subjects.forEach(this::addSubject);
        for (Reason r : Reason.values()) {
            refs[r.ordinal()] = new HashMap<>();
        }
    }

    private record Subject(String extension, SubjectKind kind) {
    }

    /**
     * A pool as it was stored: its refs, and for each holder since when and whether it holds over
     * the limit. Holders without a held ref are dropped.
     */
    public static LicencePool restore(InstanceId instanceId, int licensed, String country,
            Map<String, SubjectKind> subjects, Collection<HeldRef> knownRefs, Collection<Holder> holders) {
        LicencePool pool = new LicencePool(instanceId, licensed, country, subjects);
        for (Holder h : holders) {
            pool.holdings.put(h.subject(), new Holding(h.subject(), h.since(), h.overLimit()));
        }
        for (HeldRef ref : knownRefs) {
            if (ref.state() == HeldRef.State.ENDED) {
                pool.remember(ref);
                continue;
            }
            pool.refs[ref.reason().ordinal()].put(ref.ref(), ref);
            if (ref.state() == HeldRef.State.HELD) {
                Holding holding = pool.holdings.computeIfAbsent(ref.subject(),
                        s -> new Holding(s, ref.since(), false));
                holding.refs.add(ref);
            }
        }
        pool.holdings.values().removeIf(h -> h.refs.isEmpty());
        pool.regularHolders = (int) pool.holdings.values().stream().filter(h -> !h.overLimit).count();
        return pool;
    }

    // ---- events -----------------------------------------------------------------------------------

    /**
     * Applies one report of the phone system. A repeated event (same type and ref) changes nothing
     * and is answered as the first time.
     *
     * @throws InvalidInputException for an unknown subject, a reason the subject cannot have, or a ref of another subject
     */
    public Decision apply(LicenceEvent event) {
        Subject subject = subjects.get(event.subject());
        if (subject == null) {
            throw new InvalidInputException("subject", "No employee or function extension has the extension number '"
                    + event.subject() + "' on this phone system.");
        }
        if (!LicencePolicy.occupies(event.type())) {
            return decision(Verdict.INBOUND_ACCEPTED, false);
        }
        Reason reason = event.type().reason();
        if (event.type().startsReason() && !LicencePolicy.mayHoldFor(subject.kind(), reason)) {
            throw new InvalidInputException("type", "Extension " + event.subject()
                    + " is a function extension: it has no desktop or mobile client and holds a licence only during outbound calls.");
        }
        Map<String, HeldRef> known = refs[reason.ordinal()];
        HeldRef ref = known.get(event.ref());
        EndedRef ended = ref == null ? endedRef(reason, event.ref()) : null;
        String owner = ref != null ? ref.subject() : ended != null ? ended.subject : null;
        if (owner != null && !owner.equals(event.subject()) && event.type().startsReason()) {
            throw new InvalidInputException("ref", "The ref '" + event.ref() + "' belongs to extension "
                    + owner + ", not to " + event.subject() + ".");
        }
        // An ended ref in its compact form answers like an ended HeldRef: nothing held, no heartbeat.
        return switch (event.type()) {
            case DESKTOP_OPENED, OUTBOUND_CALL_STARTED, MOBILE_PAIRED -> ended != null
                    ? startEnded(event, subject.extension(), reason, ended, known)
                    : start(event, subject.extension(), reason, ref, known);
            case DESKTOP_HEARTBEAT -> heartbeat(event, ref);
            case DESKTOP_CLOSED, MOBILE_UNPAIRED, CALL_ENDED -> end(event, ref, RecordAction.RELEASED, null);
            case INBOUND_CALL -> throw new IllegalStateException();
        };
    }

    /** A start of a ref that ended: a repeat (a call), or a desktop session or pairing started again. */
    private Decision startEnded(LicenceEvent event, String subject, Reason reason, EndedRef ended,
            Map<String, HeldRef> known) {
        if (!LicencePolicy.mayStartAgain(reason)) {
            return decision(Verdict.ENDED_BEFORE, false);
        }
        endedRefs.remove(reason, event.ref());
        HeldRef ref = ended.view(reason, event.ref());
        known.put(event.ref(), ref);
        return start(event, subject, reason, ref, known);
    }

    private Decision start(LicenceEvent event, String subject, Reason reason, HeldRef ref, Map<String, HeldRef> known) {
        if (ref != null) {
            boolean again = ref.state() != HeldRef.State.HELD && LicencePolicy.mayStartAgain(reason);
            if (!again) {
                return replay(ref);
            }
        }
        boolean emergency = reason == Reason.OUTBOUND_CALL && LicencePolicy.isEmergency(event.destination(), country);
        Holding holding = holdings.get(event.subject());
        Verdict verdict;
        if (holding != null && (!holding.overLimit || emergency)) {
            verdict = Verdict.ALREADY_HELD;
        } else if (LicencePolicy.admits(regularHolders, licensed)) {
            verdict = Verdict.ADMITTED;
        } else if (emergency) {
            verdict = Verdict.EMERGENCY_OVER_LIMIT;
        } else {
            verdict = LicencePolicy.refusalOf(reason);
        }
        boolean admitted = verdict.admitted();
        HeldRef.State state = admitted ? HeldRef.State.HELD : HeldRef.State.REFUSED;
        if (ref == null) {
            ref = new HeldRef(reason, event.ref(), subject, state, emergency, event.at(), event.at(),
                    event.device());
            known.put(event.ref(), ref);
            changes.newRef(ref);
        } else {
            ref.restart(state, emergency, event.at(), event.device());
            changes.ref(ref);
        }
        boolean licenceTaken = false;
        if (admitted) {
            if (holding == null) {
                holding = new Holding(event.subject(), event.at(), verdict == Verdict.EMERGENCY_OVER_LIMIT);
                holdings.put(event.subject(), holding);
                if (!holding.overLimit) {
                    regularHolders++;
                }
                changes.holder(event.subject());
                licenceTaken = true;
            } else if (holding.overLimit && verdict == Verdict.ADMITTED) {
                // Held only through an emergency call so far: now within the pool.
                holding.overLimit = false;
                regularHolders++;
                changes.holder(event.subject());
            }
            holding.refs.add(ref);
        }
        record(event.at(), ref, admitted ? RecordAction.ADMITTED : RecordAction.REFUSED, licenceTaken, null);
        return decision(verdict, emergency);
    }

    private Decision replay(HeldRef ref) {
        return switch (ref.state()) {
            case HELD -> decision(ref.emergency() && holdings.get(ref.subject()).overLimit ? Verdict.EMERGENCY_OVER_LIMIT
                    : Verdict.ADMITTED, ref.emergency());
            case REFUSED -> decision(LicencePolicy.refusalOf(ref.reason()), false);
            case ENDED -> decision(Verdict.ENDED_BEFORE, false);
        };
    }

    private Decision heartbeat(LicenceEvent event, HeldRef ref) {
        if (ref == null || ref.state() != HeldRef.State.HELD) {
            return decision(Verdict.SESSION_WITHOUT_LICENCE, false);
        }
        if (ref.seen(event.at())) {
            changes.ref(ref);
        }
        return decision(Verdict.HEARTBEAT, false);
    }

    private Decision end(LicenceEvent event, HeldRef ref, RecordAction action, String actor) {
        if (ref == null) {
            return decision(Verdict.NOTHING_HELD, false);
        }
        return switch (ref.state()) {
            case ENDED -> decision(Verdict.NOTHING_HELD, false);
            case REFUSED -> {
                ref.end(event.at());
                changes.ref(ref);
                yield decision(Verdict.NOTHING_HELD, false);
            }
            case HELD -> decision(release(ref, event.at(), action, actor) ? Verdict.RELEASED : Verdict.STILL_HELD,
                    ref.emergency());
        };
    }

    /** Ends a held ref; true when the subject gave back its licence with it. */
    private boolean release(HeldRef ref, Instant at, RecordAction action, String actor) {
        Holding holding = holdings.get(ref.subject());
        ref.end(at);
        changes.ref(ref);
        holding.refs.remove(ref);
        boolean freed = holding.refs.isEmpty();
        if (freed) {
            holdings.remove(ref.subject());
            if (!holding.overLimit) {
                regularHolders--;
            }
            changes.holder(ref.subject());
        }
        record(at, ref, action, freed, actor);
        return freed;
    }

    // ---- housekeeping -----------------------------------------------------------------------------

    /** Releases desktop sessions without heartbeat and calls without end past their timeouts; recorded as reclaimed. */
    public int reclaim(Instant now, Duration heartbeatTimeout, Duration callTimeout) {
        List<HeldRef> stale = new ArrayList<>();
        for (Holding holding : holdings.values()) {
            for (HeldRef ref : holding.refs) {
                if (LicencePolicy.isStale(ref.reason(), ref.since(), ref.lastSeen(), now, heartbeatTimeout, callTimeout)) {
                    stale.add(ref);
                }
            }
        }
        stale.forEach(ref -> release(ref, now, RecordAction.RECLAIMED, null));
        return stale.size();
    }

    /** Whether {@link #reclaim} would release anything at {@code now}. */
    public boolean hasStale(Instant now, Duration heartbeatTimeout, Duration callTimeout) {
        for (Holding holding : holdings.values()) {
            for (HeldRef ref : holding.refs) {
                if (LicencePolicy.isStale(ref.reason(), ref.since(), ref.lastSeen(), now, heartbeatTimeout, callTimeout)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Forgets the ended and refused refs last seen before {@code before} that the pool still keeps in
     * memory (a pool with no events since, or one kept with a long {@code switchboard.licensing.refs-in-memory}).
     * Memory only: storage deletes its rows of them by the same rule itself ({@code PoolStore.forgetRefs}).
     */
    public int forget(Instant before) {
        int n = 0;
        for (Map<String, HeldRef> known : refs) {
            for (Iterator<HeldRef> it = known.values().iterator(); it.hasNext();) {
                HeldRef ref = it.next();
                if (ref.state() != HeldRef.State.HELD && ref.lastSeen().isBefore(before)) {
                    it.remove();
                    n++;
                }
            }
        }
        n += endedRefs.forget(before);
        return n;
    }

    // ---- the remembered refs in memory ------------------------------------------------------------

    /**
     * Lets go of the ended and refused refs kept in memory for a while: each stays at least half of
     * {@code inMemory} after it ended or was refused (or was read back by {@link #recall}), and at
     * most {@code inMemory} while the pool has events; a pool that had none for longer lets go of
     * all at its next. Nothing is stored or forgotten by this: storage keeps them for
     * {@link LicencePolicy#REF_MEMORY}, and an event of a ref the pool no longer knows
     * ({@link #mayRepeat}) is answered after {@link #recall} read it back. Refs are kept in two
     * generations, so this costs nothing per ref until a generation goes. Returns how many refs
     * were let go of.
     */
    public int letGo(Instant now, Duration inMemory) {
        Duration half = inMemory.dividedBy(2);
        if (nextLetGo == null) {
            nextLetGo = now.plus(half);
            return 0;
        }
        if (now.isBefore(nextLetGo)) {
            return 0;
        }
        int n = nextGeneration();
        if (!now.isBefore(nextLetGo.plus(half))) {
            n += nextGeneration(); // quiet for longer than a generation: its refs are as old as the older ones
        }
        nextLetGo = now.plus(half);
        return n;
    }

    /** Lets go of the older generation of ended and refused refs; the newer becomes the older. */
    private int nextGeneration() {
        int n = endedRefs.turn();
        // Refused refs stay among the held ones (a refused desktop session may still end): marked at
        // one turn, let go of at the next unless started or ended in between.
        for (Map<String, HeldRef> known : refs) {
            for (Iterator<HeldRef> it = known.values().iterator(); it.hasNext();) {
                HeldRef ref = it.next();
                if (ref.state() == HeldRef.State.REFUSED) {
                    if (ref.older) {
                        it.remove();
                        n++;
                    } else {
                        ref.older = true;
                    }
                }
            }
        }
        return n;
    }

    /**
     * Whether this event may be a repeat of a ref the pool let go of ({@link #letGo}): a start or an
     * end of a ref it does not know. Such an event is answered as the first time only once
     * {@link #recall} gave the pool what storage keeps of its ref. A heartbeat is answered alike
     * whether its ref ended, was refused or is not known, and changes nothing in any case.
     * <p>
     * With {@code newCallsChecked}, a call's start is left out: its ref is then one of the drained
     * {@link Changes#newRefs}, which the caller stores only where storage has no row of it yet, and
     * otherwise does the batch again with the ref read back. A new call, the usual start, so costs
     * no look-up. Desktop sessions' and mobile pairings' starts (a pairing's ref starts again by
     * design, over its stored row) and ends are always looked up.
     */
    public boolean mayRepeat(LicenceEvent event, boolean newCallsChecked) {
        EventType type = event.type();
        if (!LicencePolicy.occupies(type) || type == EventType.DESKTOP_HEARTBEAT) {
            return false;
        }
        if (newCallsChecked && type == EventType.OUTBOUND_CALL_STARTED) {
            return false;
        }
        Reason reason = type.reason();
        String ref = event.ref();
        return !refs[reason.ordinal()].containsKey(ref) && endedRef(reason, ref) == null;
    }

    /**
     * Refs the pool let go of, as storage keeps them, read back before an event of theirs is
     * applied: ended ones are remembered again, refused ones known again. Held refs and refs the
     * pool knows are ignored (the pool's own are newer).
     */
    public void recall(Collection<HeldRef> stored) {
        for (HeldRef ref : stored) {
            Reason reason = ref.reason();
            if (refs[reason.ordinal()].containsKey(ref.ref()) || endedRef(reason, ref.ref()) != null) {
                continue;
            }
            if (ref.state() == HeldRef.State.ENDED) {
                remember(ref);
            } else if (ref.state() == HeldRef.State.REFUSED) {
                refs[reason.ordinal()].put(ref.ref(), ref);
            }
        }
    }

    private EndedRef endedRef(Reason reason, String ref) {
        return endedRefs.get(reason, ref);
    }

    /** Releases every reason of one subject, recorded with who did it; false when it held no licence. */
    public boolean forceRelease(String subject, String actor, Instant at) {
        Holding holding = holdings.get(subject);
        if (holding == null) {
            return false;
        }
        for (HeldRef ref : List.copyOf(holding.refs)) {
            release(ref, at, RecordAction.FORCE_RELEASED, actor);
        }
        return true;
    }

    /** A new pool size from the subscription: nobody loses a held licence; see {@link LicencePolicy#admits}. */
    public void resize(int newLicensed) {
        licensed = requireLicensed(newLicensed);
    }

    public void addSubject(String extension, SubjectKind kind) {
        subjects.put(Objects.requireNonNull(extension), new Subject(extension, Objects.requireNonNull(kind)));
    }

    /** Removes a subject, first releasing what it holds (recorded with who did it). */
    public void removeSubject(String extension, String actor, Instant at) {
        forceRelease(extension, actor, at);
        subjects.remove(extension);
    }

    // ---- reading ----------------------------------------------------------------------------------

    public InstanceId instanceId() {
        return instanceId;
    }

    public int licensed() {
        return licensed;
    }

    public String country() {
        return country;
    }

    /** Subjects holding a licence, emergency holders over the limit included. */
    public int occupied() {
        return holdings.size();
    }

    /** Holders counted against the pool: all but those held over the limit by an emergency call. */
    public int regularHolders() {
        return regularHolders;
    }

    public boolean hasSubject(String extension) {
        return subjects.containsKey(extension);
    }

    public int subjectCount() {
        return subjects.size();
    }

    public boolean holds(String subject) {
        return holdings.containsKey(subject);
    }

    public List<Holder> holders() {
        return holdings.values().stream().map(Holding::detailedView)
                .sorted(Comparator.comparing(Holder::since).thenComparing(Holder::subject)).toList();
    }

    /** Every ref the pool remembers; an ended one as its compact form keeps it (since when: its end). */
    public Collection<HeldRef> knownRefs() {
        List<HeldRef> all = new ArrayList<>();
        for (Map<String, HeldRef> known : refs) {
            all.addAll(known.values());
        }
        endedRefs.forEach(all::add);
        return all;
    }

    /** What changed since the last call, and forgets it. */
    public Changes drainChanges() {
        Changes drained = changes.drain(subject -> {
            Holding h = holdings.get(subject);
            return h == null ? null : h.view();
        });
        drained.refs().forEach(this::compactIfEnded);
        return drained;
    }

    /** Forgets pending changes without copying them (for callers that do not store them). */
    public void discardChanges() {
        changes.changedRefs().forEach(this::compactIfEnded);
        changes.discard();
    }

    /**
     * Once its change is drained, an ended ref is kept in its compact form: done here and not when
     * it ends, so that a ref started again before the drain is the same object, stored once.
     */
    private void compactIfEnded(HeldRef ref) {
        if (ref.state() == HeldRef.State.ENDED && refs[ref.reason().ordinal()].remove(ref.ref(), ref)) {
            remember(ref);
        }
    }

    private void remember(HeldRef ended) {
        Subject subject = subjects.get(ended.subject());
        endedRefs.put(ended.reason(), ended.ref(), new EndedRef(
                subject == null ? ended.subject() : subject.extension(), ended.device(), ended.lastSeen()));
    }

    private void record(Instant at, HeldRef ref, RecordAction action, boolean licenceChanged, String actor) {
        changes.record(new LicenceRecord(at, ref.subject(), ref.reason(), ref.ref(), action, ref.emergency(),
                licenceChanged, actor, holdings.size(), licensed, ref.device()));
    }

    private Decision decision(Verdict verdict, boolean emergency) {
        return new Decision(verdict, licensed, holdings.size(), emergency);
    }

    private static int requireLicensed(int licensed) {
        if (licensed < 0) {
            throw new IllegalArgumentException("licensed " + licensed);
        }
        return licensed;
    }
}
