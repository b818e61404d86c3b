package bot

import (
	"fmt"

	"arena/client"
	"math"
	"slices"
	"strings"
	"time"
)

// Report is what a Swarm run measured. Its JSON form (snake_case keys) is the
// last line gamebot -json prints. A Report is a plain value.
type Report struct {
	Bots                int     `json:"bots"`
	DurationS           float64 `json:"duration_s"`
	Connected           int     `json:"connected"`   // bots ever welcomed
	Disconnects         int     `json:"disconnects"` // sessions ended by the server or network before the end
	Errors              int     `json:"errors"`      // dial failures and the like
	SnapshotsPerSPerBot float64 `json:"snapshots_per_s_per_bot"`
	BytesDownPerBotPerS float64 `json:"bytes_down_per_bot_per_s"`
	BytesUpPerBotPerS   float64 `json:"bytes_up_per_bot_per_s"`
	RTTMsP50            float64 `json:"rtt_ms_p50"`
	RTTMsP99            float64 `json:"rtt_ms_p99"`
	Kills               int     `json:"kills"` // kills made by bots
	Deaths              int     `json:"deaths"`
	Shots               int     `json:"shots"` // shots fired by bots
	Hits                int     `json:"hits"`
	InputsPerSPerBot    float64 `json:"inputs_per_s_per_bot"`
	RTTSamples          int     `json:"rtt_samples"`
	// How the snapshot bytes down split, per bot per second: the header
	// (type, tick, baseline), the bot's own player, the other entities,
	// the events. The rest of BytesDown is Welcome and Error messages.
	DownHeaderPerBotPerS    float64 `json:"down_header_per_bot_per_s"`
	DownOwnPerBotPerS       float64 `json:"down_own_per_bot_per_s"`
	DownOthersPerBotPerS    float64 `json:"down_others_per_bot_per_s"`
	DownEventsPerBotPerS    float64 `json:"down_events_per_bot_per_s"`
	FullSnapshots           int     `json:"full_snapshots"` // all bots: the first each, and any after a stall
	InputMessagesPerSPerBot float64 `json:"input_messages_per_s_per_bot"`
	// Server ticks per bot per second that found no new input from it
	// (the player was held), and inputs the server then simulated beyond
	// one a tick to catch up.
	InputTicksMissedPerSPerBot float64 `json:"input_ticks_missed_per_s_per_bot"`
	InputsCaughtUp             int     `json:"inputs_caught_up"`
	// Netcode, per bot: snapshots whose own state differed from what the
	// bot had predicted for the same input, per minute; how far a
	// snapshot's replay moved the newest prediction (p99 over every
	// checked snapshot, world units); times drawing others stopped past
	// the newest snapshot, per minute; the interpolation delay at the end
	// (mean over bots); the gap between snapshots (p99).
	MispredictionsPerMin float64 `json:"mispredictions_per_min"`
	CorrectionUnitsP99   float64 `json:"correction_units_p99"`
	InterpStarvedPerMin  float64 `json:"interp_starved_per_min"`
	InterpDelayMs        float64 `json:"interp_delay_ms"`
	SnapshotGapP99Ms     float64 `json:"snapshot_gap_p99_ms"`
	PredictionsChecked   int     `json:"predictions_checked"`
	// Shots of bots that aim exactly at where they see their target
	// (gamebot -exact-aim), and the share of them the server counted as
	// hits: what lag compensation is for.
	// Misses at a target that had just been killed (the shooter still saw
	// it alive) are not in shots or exact_aim_shots but counted here.
	ExactAimShots  int     `json:"exact_aim_shots"`
	ExactAimHitPct float64 `json:"exact_aim_hit_pct"`
	ShotsAtDead    int     `json:"shots_at_dead_targets"`
	// Resumable sessions (SwarmConfig.CutEvery, gamebot -cut-every): the
	// connections cut, the sessions resumed on a new connection and the
	// reconnects that ended their session instead, how long a resume took
	// from the loss to Welcome (ms), the sessions joined afresh after their
	// seat expired (4006). resumes_checked compares the bot's own kills,
	// deaths and score in the last snapshot before the cut with the first
	// after the resume (resumes_with_score of them nonzero);
	// resumes_score_lost counts those where one went down or the player
	// id changed.
	Cuts             int     `json:"cuts"`
	Resumes          int     `json:"resumes"`
	BotsResumed      int     `json:"bots_resumed"` // bots that resumed at least once
	ResumeFailures   int     `json:"resume_failures"`
	ResumeMsP50      float64 `json:"resume_ms_p50"`
	ResumeMsP99      float64 `json:"resume_ms_p99"`
	ResumeMsMax      float64 `json:"resume_ms_max"`
	Rejoins          int     `json:"rejoins"`
	ResumesChecked   int     `json:"resumes_checked"`
	ResumesWithScore int     `json:"resumes_with_score"`
	ResumesScoreLost int     `json:"resumes_score_lost"`
	// FirstErrors holds the first few error and disconnect messages.
	FirstErrors []string `json:"first_errors,omitempty"`
}

// maxReportedErrors bounds Report.FirstErrors.
const maxReportedErrors = 5

// Failed returns an error saying how many bots failed to connect or were
// dropped, or nil when none did.
func (r *Report) Failed() error {
	if r.Errors == 0 && r.Disconnects == 0 {
		return nil
	}
	var parts []string
	if r.Errors > 0 {
		parts = append(parts, fmt.Sprintf("%d of %d bots failed to connect", r.Errors, r.Bots))
	}
	if r.Disconnects > 0 {
		parts = append(parts, fmt.Sprintf("%d of %d bots were disconnected", r.Disconnects, r.Bots))
	}
	msg := strings.Join(parts, ", ")
	if len(r.FirstErrors) > 0 {
		msg += " (first: " + r.FirstErrors[0] + ")"
	}
	return fmt.Errorf("%s", msg)
}

// Summary returns a few human-readable lines.
func (r *Report) Summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "bots: %d connected of %d, %d disconnected, %d errors, %.1f s\n",
		r.Connected, r.Bots, r.Disconnects, r.Errors, r.DurationS)
	fmt.Fprintf(&b, "per bot: %.1f snapshots/s, %.0f B/s down, %.0f B/s up, %.1f inputs/s in %.1f messages/s\n",
		r.SnapshotsPerSPerBot, r.BytesDownPerBotPerS, r.BytesUpPerBotPerS, r.InputsPerSPerBot, r.InputMessagesPerSPerBot)
	fmt.Fprintf(&b, "down per bot: header %.0f B/s, own %.0f B/s, others %.0f B/s, events %.0f B/s; %d full snapshots\n",
		r.DownHeaderPerBotPerS, r.DownOwnPerBotPerS, r.DownOthersPerBotPerS, r.DownEventsPerBotPerS, r.FullSnapshots)
	fmt.Fprintf(&b, "inputs: %.2f server ticks/s per bot without a new input (held), %d caught up\n",
		r.InputTicksMissedPerSPerBot, r.InputsCaughtUp)
	fmt.Fprintf(&b, "rtt: p50 %.2f ms, p99 %.2f ms (%d samples)\n", r.RTTMsP50, r.RTTMsP99, r.RTTSamples)
	fmt.Fprintf(&b, "netcode: %.2f mispredictions/min per bot (%d checked), corrections p99 %.3f units, interpolation %.0f ms, starved %.2f/min, snapshot gaps p99 %.0f ms\n",
		r.MispredictionsPerMin, r.PredictionsChecked, r.CorrectionUnitsP99, r.InterpDelayMs, r.InterpStarvedPerMin, r.SnapshotGapP99Ms)
	fmt.Fprintf(&b, "play: %d shots, %d hits, %d kills, %d deaths\n", r.Shots, r.Hits, r.Kills, r.Deaths)
	if r.Cuts > 0 || r.Resumes > 0 || r.ResumeFailures > 0 || r.Rejoins > 0 {
		fmt.Fprintf(&b, "resume: %d cuts, %d resumed (p50 %.0f ms, p99 %.0f ms, max %.0f ms), %d failed, %d joined again; %d checked, %d lost the score\n",
			r.Cuts, r.Resumes, r.ResumeMsP50, r.ResumeMsP99, r.ResumeMsMax, r.ResumeFailures, r.Rejoins, r.ResumesChecked, r.ResumesScoreLost)
	}
	if r.ExactAimShots > 0 {
		fmt.Fprintf(&b, "exact aim: %d shots, %.1f%% hit (and %d misses at targets killed just before)\n", r.ExactAimShots, r.ExactAimHitPct, r.ShotsAtDead)
	}
	for _, e := range r.FirstErrors {
		fmt.Fprintf(&b, "error: %s\n", e)
	}
	return b.String()
}

// botResult is what one bot measured; the runner sums them into a Report.
type botResult struct {
	connected    bool
	disconnected bool
	err          error // dial failure or why the session was dropped
	connectedFor time.Duration
	stats        client.Stats
	rtts         []time.Duration
	kills        int
	deaths       int
	shots        int
	hits         int
	shotsAtDead  int  // misses at a target killed just before (not in shots)
	exactAim     bool // the bot aimed exactly

	// Over every session the bot played (a rejoin starts another).
	cuts, rejoins                               int
	resumesChecked, resumesWithScore, scoreLost int
}

// addStats adds one session's Stats to the bot's: the session counters
// sum over the sessions, the resume times are kept for the percentiles.
func (res *botResult) addStats(st *client.Stats) {
	prev := res.stats
	res.stats = *st
	if prev.Connected.IsZero() {
		return
	}
	s := &res.stats
	s.SnapshotsReceived += prev.SnapshotsReceived
	s.FullSnapshots += prev.FullSnapshots
	s.BytesDown += prev.BytesDown
	s.BytesUp += prev.BytesUp
	s.SnapshotBytes.Header += prev.SnapshotBytes.Header
	s.SnapshotBytes.Own += prev.SnapshotBytes.Own
	s.SnapshotBytes.Entities += prev.SnapshotBytes.Entities
	s.SnapshotBytes.Events += prev.SnapshotBytes.Events
	s.InputsSent += prev.InputsSent
	s.InputMessages += prev.InputMessages
	s.InputTicksMissed += prev.InputTicksMissed
	s.InputsCaughtUp += prev.InputsCaughtUp
	s.PredictionsChecked += prev.PredictionsChecked
	s.Mispredictions += prev.Mispredictions
	s.InterpStarved += prev.InterpStarved
	s.Corrections.Merge(&prev.Corrections)
	s.SnapshotGaps.Merge(&prev.SnapshotGaps)
	s.Resumes += prev.Resumes
	s.ResumeFailures += prev.ResumeFailures
	s.ResumeTimes.Merge(&prev.ResumeTimes)
	s.MaxResume = max(s.MaxResume, prev.MaxResume)
}

// buildReport sums the bots' results.
func buildReport(results []botResult, elapsed time.Duration) Report {
	r := Report{Bots: len(results), DurationS: elapsed.Seconds()}
	var rtts []time.Duration
	var snaps, down, up, inputs, hdr, own, others, evs, msgs, missed float64
	var mispredicted, starved, delay, minutes float64
	var corrections, gaps, resumeTimes client.Histogram
	var resumeMax float64
	for i := range results {
		res := &results[i]
		if res.err != nil && len(r.FirstErrors) < maxReportedErrors {
			r.FirstErrors = append(r.FirstErrors, fmt.Sprintf("bot %d: %v", i+1, res.err))
		}
		if !res.connected {
			if res.err != nil {
				r.Errors++
			}
			continue
		}
		r.Connected++
		if res.disconnected {
			r.Disconnects++
		}
		r.Kills += res.kills
		r.Deaths += res.deaths
		r.Shots += res.shots
		r.Hits += res.hits
		r.ShotsAtDead += res.shotsAtDead
		if res.exactAim {
			r.ExactAimShots += res.shots
			r.ExactAimHitPct += float64(res.hits) // a count until the end
		}
		rtts = append(rtts, res.rtts...)
		st := &res.stats
		r.Cuts += res.cuts
		r.Rejoins += res.rejoins
		r.Resumes += int(st.Resumes)
		if st.Resumes > 0 {
			r.BotsResumed++
		}
		r.ResumeFailures += int(st.ResumeFailures)
		resumeTimes.Merge(&st.ResumeTimes)
		resumeMax = max(resumeMax, ms(st.MaxResume))
		r.ResumesChecked += res.resumesChecked
		r.ResumesWithScore += res.resumesWithScore
		r.ResumesScoreLost += res.scoreLost
		r.PredictionsChecked += int(st.PredictionsChecked)
		corrections.Merge(&st.Corrections)
		gaps.Merge(&st.SnapshotGaps)
		mispredicted += float64(st.Mispredictions)
		starved += float64(st.InterpStarved)
		delay += ms(st.InterpDelay)
		minutes += res.connectedFor.Minutes()
		r.FullSnapshots += int(st.FullSnapshots)
		r.InputsCaughtUp += int(st.InputsCaughtUp)
		if secs := res.connectedFor.Seconds(); secs > 0 {
			snaps += float64(st.SnapshotsReceived) / secs
			down += float64(st.BytesDown) / secs
			up += float64(st.BytesUp) / secs
			inputs += float64(st.InputsSent) / secs
			hdr += float64(st.SnapshotBytes.Header) / secs
			own += float64(st.SnapshotBytes.Own) / secs
			others += float64(st.SnapshotBytes.Entities) / secs
			evs += float64(st.SnapshotBytes.Events) / secs
			msgs += float64(st.InputMessages) / secs
			missed += float64(st.InputTicksMissed) / secs
		}
	}
	if r.Connected > 0 {
		n := float64(r.Connected)
		r.SnapshotsPerSPerBot = round2(snaps / n)
		r.BytesDownPerBotPerS = round2(down / n)
		r.BytesUpPerBotPerS = round2(up / n)
		r.InputsPerSPerBot = round2(inputs / n)
		r.DownHeaderPerBotPerS = round2(hdr / n)
		r.DownOwnPerBotPerS = round2(own / n)
		r.DownOthersPerBotPerS = round2(others / n)
		r.DownEventsPerBotPerS = round2(evs / n)
		r.InputMessagesPerSPerBot = round2(msgs / n)
		r.InputTicksMissedPerSPerBot = round2(missed / n)
		r.InterpDelayMs = round2(delay / n)
	}
	if minutes > 0 {
		r.MispredictionsPerMin = round2(mispredicted / minutes)
		r.InterpStarvedPerMin = round2(starved / minutes)
	}
	r.CorrectionUnitsP99 = round3(corrections.Quantile(0.99))
	r.SnapshotGapP99Ms = round2(gaps.Quantile(0.99))
	if r.Resumes > 0 {
		// The histogram's quantiles are bucket bounds: never over the max.
		r.ResumeMsMax = round2(resumeMax)
		r.ResumeMsP50 = min(r.ResumeMsMax, round2(resumeTimes.Quantile(0.50)))
		r.ResumeMsP99 = min(r.ResumeMsMax, round2(resumeTimes.Quantile(0.99)))
	}
	if r.ExactAimShots > 0 {
		r.ExactAimHitPct = round2(100 * r.ExactAimHitPct / float64(r.ExactAimShots))
	} else {
		r.ExactAimHitPct = 0
	}
	r.RTTSamples = len(rtts)
	if len(rtts) > 0 {
		slices.Sort(rtts)
		r.RTTMsP50 = round3(ms(percentile(rtts, 0.50)))
		r.RTTMsP99 = round3(ms(percentile(rtts, 0.99)))
	}
	r.DurationS = round3(r.DurationS)
	return r
}

// percentile returns the nearest-rank percentile p (0..1] of sorted values.
func percentile(sorted []time.Duration, p float64) time.Duration {
	i := int(math.Ceil(p*float64(len(sorted)))) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func round2(v float64) float64 { return math.Round(v*100) / 100 }
func round3(v float64) float64 { return math.Round(v*1000) / 1000 }
