package ru.noko.portal.session;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A session as the form sends it: the day, the start and the end (in the campaign's time zone), the computer class's
 * address, and the number of participants. Checked here, each problem named by its field, in Russian.
 */
public final class SessionForm {

    /**
     * The longest a session may last: a school day. The anti-fraud checks look back this far for the responses a
     * session registered after its start must count (the pipeline's SessionPlaces.LONGEST).
     */
    static final Duration LONGEST = Duration.ofHours(12);

    static final int MOST_PARTICIPANTS = 1000;

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private String date = "";
    private String start = "";
    private String end = "";
    private String address = "";
    private String participants = "";

    public String getDate() {
        return date;
    }

    public void setDate(String date) {
        this.date = date == null ? "" : date;
    }

    public String getStart() {
        return start;
    }

    public void setStart(String start) {
        this.start = start == null ? "" : start;
    }

    public String getEnd() {
        return end;
    }

    public void setEnd(String end) {
        this.end = end == null ? "" : end;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address == null ? "" : address;
    }

    public String getParticipants() {
        return participants;
    }

    public void setParticipants(String participants) {
        this.participants = participants == null ? "" : participants;
    }

    /** A form filled from a session, for changing it. */
    static SessionForm of(OrganizedSessions.Session session, ZoneId zone) {
        SessionForm form = new SessionForm();
        form.date = session.startsAt().atZone(zone).toLocalDate().toString();
        form.start = session.startsAt().atZone(zone).toLocalTime().toString();
        form.end = session.endsAt().atZone(zone).toLocalTime().toString();
        form.address = session.address();
        form.participants = String.valueOf(session.participants());
        return form;
    }

    /** The checked values. */
    record Checked(Instant startsAt, Instant endsAt, String address, int participants) {}

    /** The checked values, or (checked null) the problems by field. */
    record Result(Checked checked, Map<String, String> problems) {}

    /**
     * The values, or the problems by field ({@code date}, {@code start}, {@code end}, {@code address}, {@code
     * participants}).
     *
     * @param now a session must end after it: one that is over cannot be registered
     */
    Result check(ZoneId zone, Instant now) {
        Checked checked = null;
        Map<String, String> problems = new LinkedHashMap<>();
        LocalDate day = null;
        LocalTime from = null;
        LocalTime to = null;
        try {
            day = LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            problems.put("date", "Укажите дату сессии (ГГГГ-ММ-ДД).");
        }
        try {
            from = LocalTime.parse(start.strip());
        } catch (DateTimeParseException e) {
            problems.put("start", "Укажите время начала (ЧЧ:ММ).");
        }
        try {
            to = LocalTime.parse(end.strip());
        } catch (DateTimeParseException e) {
            problems.put("end", "Укажите время окончания (ЧЧ:ММ).");
        }
        String normalized = normalizedAddress(address.strip());
        if (normalized == null) {
            problems.put("address", "Укажите IP-адрес компьютерного класса, например 203.0.113.7.");
        }
        int count = 0;
        try {
            count = Integer.parseInt(participants.strip());
            if (count < 1 || count > MOST_PARTICIPANTS) {
                problems.put("participants", "Число участников — от 1 до " + MOST_PARTICIPANTS + ".");
            }
        } catch (NumberFormatException e) {
            problems.put("participants", "Укажите число участников целым числом.");
        }
        if (day != null && from != null && to != null) {
            Instant startsAt = day.atTime(from).atZone(zone).toInstant();
            Instant endsAt = day.atTime(to).atZone(zone).toInstant();
            if (!endsAt.isAfter(startsAt)) {
                problems.put("end", "Сессия должна закончиться позже, чем начнётся.");
            } else if (Duration.between(startsAt, endsAt).compareTo(LONGEST) > 0) {
                problems.put("end", "Сессия длится не более " + LONGEST.toHours() + " часов.");
            } else if (!endsAt.isAfter(now)) {
                problems.put(
                        "end",
                        "Сессия уже закончилась: зарегистрировать можно только сессию, которая ещё идёт"
                                + " или впереди.");
            } else if (problems.isEmpty()) {
                checked = new Checked(startsAt, endsAt, normalized, count);
            }
        }
        return new Result(checked, problems);
    }

    /**
     * The address as the gateway writes a client's ({@link InetAddress#getHostAddress}), so the checks' HMACs match;
     * null when it is not an IP address. Only literals reach {@link InetAddress}: nothing here asks a name server.
     */
    static String normalizedAddress(String text) {
        boolean v4 = IPV4.matcher(text).matches();
        if (v4) {
            for (String part : text.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return null;
                }
            }
        } else if (!(IPV6.matcher(text).matches() && text.contains(":"))) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getHostAddress();
        } catch (UnknownHostException | RuntimeException e) {
            return null;
        }
    }
}
