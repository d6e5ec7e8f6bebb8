"""The desk's labels (German by default, English by ``CREDITCTL_DESK_LOCALE``) and the
office's number and date formats through babel (``1.234,56 €``)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime, format_time, format_timedelta
from babel.numbers import format_currency, format_decimal

from creditctl.desk import reasons

LANGUAGES = ("de", "en")  # the desk's languages: every label has a text in each

LABELS: dict[str, dict[str, str]] = {
    "app": {"de": "Prüfplatz", "en": "Review desk"},
    "login": {"de": "Anmelden", "en": "Sign in"},
    "logout": {"de": "Abmelden", "en": "Sign out"},
    "username": {"de": "Benutzername", "en": "User name"},
    "password": {"de": "Passwort", "en": "Password"},
    "login_failed": {"de": "Benutzername oder Passwort falsch.", "en": "Wrong user name or password."},
    "login_throttled": {
        "de": (
            "Zu viele Fehlversuche. Bitte in 15 Minuten erneut versuchen – oder eine Administratorin / einen "
            "Administrator bitten, das Konto sofort zu entsperren (creditctl users unlock NAME)."
        ),
        "en": (
            "Too many failed attempts. Please try again in 15 minutes – or ask an admin to unlock the account "
            "now (creditctl users unlock NAME)."
        ),
    },
    "session_expired": {
        "de": "Sitzung abgelaufen — bitte erneut anmelden.",
        "en": "Session expired — please sign in again.",
    },
    "session_expired_post": {
        "de": "Sitzung abgelaufen — nichts wurde übernommen. Nach der Anmeldung geht es zurück zur E-Mail.",
        "en": "Session expired — nothing was applied. After signing in you return to the email.",
    },
    "session_signed_out_post": {
        "de": "Nicht angemeldet — nichts wurde übernommen. Nach der Anmeldung geht es zurück zur E-Mail.",
        "en": "Not signed in — nothing was applied. After signing in you return to the email.",
    },
    "page_not_found": {
        "de": "Diese Seite gibt es nicht. Zurück zur Prüfliste:",
        "en": "There is no such page. Back to the review queue:",
    },
    "queue": {"de": "Prüfliste", "en": "Review queue"},
    "operations": {"de": "Betrieb", "en": "Operations"},
    "overview": {"de": "Übersicht", "en": "Overview"},
    "failed": {"de": "Fehlgeschlagen", "en": "Failed"},
    "quarantine": {"de": "Quarantäne", "en": "Quarantine"},
    "q_state": {"de": "Status", "en": "State"},
    "q_all": {"de": "alle", "en": "all"},
    "q_state_waiting": {"de": "offen", "en": "open"},
    "q_state_replayed": {"de": "wiederholt", "en": "replayed"},
    "q_state_dismissed": {"de": "verworfen", "en": "dismissed"},
    "q_resolved": {"de": "von {who} am {when}", "en": "by {who} on {when}"},
    "q_email": {"de": "als E-Mail {id} gespeichert", "en": "stored as email {id}"},
    "events": {"de": "Ereignisse", "en": "Events"},
    "action_log": {"de": "Protokoll", "en": "Action log"},
    "waiting": {"de": "warten auf Prüfung", "en": "waiting for review"},
    "id": {"de": "Nr.", "en": "ID"},
    "age": {"de": "Alter", "en": "Age"},
    "creditor": {"de": "Gläubiger", "en": "Creditor"},
    "client": {"de": "Mandant", "en": "Client"},
    "amount_read": {"de": "Gelesener Betrag", "en": "Amount read"},
    "top_candidate": {"de": "Beste Forderung", "en": "Top claim"},
    "reason": {"de": "Grund", "en": "Reason"},
    "all": {"de": "alle", "en": "all"},
    "filter": {"de": "Filtern", "en": "Filter"},
    "reset": {"de": "Zurücksetzen", "en": "Reset"},
    "sort": {"de": "Sortierung", "en": "Sort"},
    "sort_oldest": {"de": "älteste zuerst", "en": "oldest first"},
    "sort_newest": {"de": "neueste zuerst", "en": "newest first"},
    "sort_amount": {"de": "Betrag absteigend", "en": "amount, highest first"},
    "sort_creditor": {"de": "Gläubiger A–Z", "en": "creditor A–Z"},
    "sort_score": {"de": "Trefferwert absteigend", "en": "match score, highest first"},
    "age_any": {"de": "jedes Alter", "en": "any age"},
    "age_1d": {"de": "jünger als 24 Std.", "en": "younger than 24 h"},
    "age_7d": {"de": "jünger als 7 Tage", "en": "younger than 7 days"},
    "age_old": {"de": "älter als 7 Tage", "en": "older than 7 days"},
    "page": {"de": "Seite", "en": "Page"},
    "previous": {"de": "Zurück", "en": "Previous"},
    "next": {"de": "Weiter", "en": "Next"},
    "nothing_matches": {
        "de": "Keine E-Mail passt zu diesen Filtern ({total} warten insgesamt).",
        "en": "No email matches these filters ({total} waiting in all).",
    },
    "shown_one": {"de": "1 passt zu den Filtern", "en": "1 matches the filters"},
    "shown_many": {"de": "{n} passen zu den Filtern", "en": "{n} match the filters"},
    "search": {"de": "Suche", "en": "Search"},
    "several_title": {"de": "Mehrere Forderungen oder Beträge.", "en": "Several claims or figures."},
    "several_hint": {
        "de": (
            "Diese Antwort nennt mehrere Forderungen oder mehrere Gesamtbeträge. Bitte in der E-Mail prüfen, "
            "welcher Betrag zu welcher Forderung gehört; die Freigabe fragt nach, für welche Forderung der "
            "eingetragene Betrag gilt."
        ),
        "en": (
            "This reply names several claims or several totals. Check in the email which figure belongs to "
            "which claim; approving asks which claim the typed figure is for."
        ),
    },
    "several_confirm_needed": {
        "de": "Nichts übernommen: die Antwort nennt mehrere Forderungen oder Beträge. Bitte bestätigen.",
        "en": "Nothing applied: the reply names several claims or figures. Please confirm.",
    },
    "several_confirm": {
        "de": "Der Betrag {amount} gilt für die Forderung {claim}",
        "en": "The amount {amount} is for the claim {claim}",
    },
    "sender_unknown": {"de": "Absender unbekannt", "en": "sender unknown"},
    "sender_unknown_hint": {
        "de": "Der Absender ist keinem Gläubiger zugeordnet; gezeigt ist der Gläubiger der besten Forderung.",
        "en": "The sender is not known as a creditor; shown is the top claim's creditor.",
    },
    "same_warnings": {"de": "{n} gleichlautende Hinweise", "en": "{n} warnings saying the same"},
    "client_read": {"de": "gelesen: {name}", "en": "read: {name}"},
    "search_hint": {
        "de": "Mandant, Aktenzeichen, Referenz, Nr., Absender",
        "en": "client, file no., reference, ID, sender",
    },
    "nothing_waiting": {"de": "Keine E-Mail wartet auf Prüfung.", "en": "No email is waiting for review."},
    "no_candidate": {"de": "keine", "en": "none"},
    "open": {"de": "Öffnen", "en": "Open"},
    "email": {"de": "E-Mail", "en": "Email"},
    "from": {"de": "Von", "en": "From"},
    "subject": {"de": "Betreff", "en": "Subject"},
    "received": {"de": "Eingegangen", "en": "Received"},
    "cleaned_reply": {
        "de": "Antwort (bereinigt, Belegstellen markiert)",
        "en": "Reply (cleaned, evidence highlighted)",
    },
    "signature": {"de": "Signatur", "en": "Signature"},
    "quoted": {"de": "Zitierter Verlauf", "en": "Quoted history"},
    "original": {"de": "Original (HTML, inaktiv dargestellt)", "en": "Original (HTML, shown inert)"},
    "no_html": {"de": "Kein HTML-Teil.", "en": "No HTML part."},
    "attachments": {"de": "Anhänge", "en": "Attachments"},
    "no_attachments": {"de": "Keine Anhänge.", "en": "No attachments."},
    "extracted": {"de": "Gelesene Angaben", "en": "Extracted fields"},
    "warnings": {"de": "Warnungen", "en": "Warnings"},
    "candidates": {"de": "Mögliche Forderungen", "en": "Candidate claims"},
    "score": {"de": "Trefferwert", "en": "Score"},
    "current_amount": {"de": "Aktueller Betrag", "en": "Current amount"},
    "reference": {"de": "Aktenzeichen Gläubiger", "en": "Creditor reference"},
    "file_number": {"de": "Aktenzeichen", "en": "File number"},
    "history": {"de": "Verlauf", "en": "History"},
    "no_history": {"de": "noch keine Änderung", "en": "no change yet"},
    "undone": {"de": "rückgängig gemacht", "en": "undone"},
    "decide": {"de": "Entscheidung", "en": "Decision"},
    "approve": {"de": "Freigeben", "en": "Approve"},
    "approve_hint": {"de": "Betrag auf die gewählte Forderung buchen.", "en": "Apply the amount to the chosen claim."},
    "amount": {"de": "Betrag", "en": "Amount"},
    "hold_kind_injection": {"de": "Text richtet sich an das System", "en": "Text addresses the system"},
    "hold_kind_dispute": {"de": "Widerspruch", "en": "Dispute"},
    "hold_kind_enforcement": {
        "de": "Vollstreckung (Gericht, Gerichtsvollzieher)",
        "en": "Enforcement (court, bailiff)",
    },
    "hold_kind_sale": {"de": "Forderung verkauft oder abgetreten", "en": "Claim sold or assigned"},
    "hold_kind_credit": {"de": "Guthaben oder negativer Saldo", "en": "Credit or negative balance"},
    "hold_kind_several_totals": {"de": "Mehrere verschiedene Gesamtbeträge", "en": "Several different totals"},
    # not "abgelehnt": that word is the caseworker's reject decision (action_reject, msg_rejected)
    "amount_refused": {"de": "nicht übernehmbar", "en": "not usable"},
    "amount_refused_hint": {
        "de": "Ein Betrag wurde gelesen, aber die Sicherheitsprüfungen lassen ihn nicht zu: {why}",
        "en": "A figure was read, but the safety checks do not allow it: {why}",
    },
    "amount_withheld": {
        "de": "Kein Betrag vorausgefüllt: bitte aus der E-Mail lesen und eintragen.",
        "en": "No amount pre-filled: read it in the email and type it.",
    },
    "amount_missing": {
        "de": (
            "Kein Betrag eingetragen – nichts wurde übernommen. Bitte den Betrag in der E-Mail lesen, "
            "eintragen und erneut freigeben."
        ),
        "en": "No amount typed – nothing was applied. Read the amount in the email, type it and approve again.",
    },
    "amount_not_a_number": {
        "de": "„{typed}“ ist keine Zahl – nichts wurde übernommen. Bitte den Betrag so eintragen: 1.234,56",
        "en": "'{typed}' is not a number – nothing was applied. Type the amount like 1,234.56",
    },
    "amount_placeholder": {"de": "Betrag aus der E-Mail", "en": "amount from the email"},
    "amount_withheld_dispute": {
        "de": "Kein Betrag vorausgefüllt: ein Widerspruch setzt keinen Betrag.",
        "en": "No amount pre-filled: a dispute sets no amount.",
    },
    "reject": {"de": "Ablehnen", "en": "Reject"},
    "sold": {"de": "Forderung verkauft / abgetreten", "en": "Claim sold / assigned"},
    "sold_hint": {
        "de": "Der neue Inhaber wird an der Forderung vermerkt (der bisherige bleibt in der Historie); spätere "
        "Antworten des bisherigen Inhabers werden angehalten. Der Betrag ändert sich nicht.",
        "en": "The new holder is recorded on the claim (the previous one stays in its history); later replies "
        "of the previous holder are held. The amount does not change.",
    },
    "sold_claim": {"de": "Verkaufte Forderung", "en": "Claim sold"},
    "sold_holder": {
        "de": "Neuer Inhaber (Gläubiger der Akten wählen oder neu eintragen)",
        "en": "New holder (choose a creditor of the records or type a new one)",
    },
    "sold_reference": {"de": "Aktenzeichen des neuen Inhabers (optional)", "en": "New holder's reference (optional)"},
    "sold_email": {"de": "E-Mail-Adresse des neuen Inhabers (optional)", "en": "New holder's email address (optional)"},
    "sold_button": {"de": "Neuen Inhaber erfassen", "en": "Record the new holder"},
    "sold_history": {
        "de": "{day}: {old} → {new} (E-Mail {email}, {who})",
        "en": "{day}: {old} → {new} (email {email}, {who})",
    },
    "decided_sold": {
        "de": "Als verkauft erfasst von {who} am {when}: {reason}",
        "en": "Recorded as sold by {who} on {when}: {reason}",
    },
    "undo_sale": {
        "de": "Verkauf rückgängig machen ({who}): Forderung wieder bei {old}",
        "en": "Undo {who}'s sale: the claim goes back to {old}",
    },
    "msg_sold": {"de": "E-Mail {ref}: neuer Inhaber erfasst.", "en": "Email {ref}: new holder recorded."},
    "action_sold": {"de": "als verkauft erfasst", "en": "recorded as sold"},
    "reject_reason": {"de": "Grund der Ablehnung", "en": "Reason for rejecting"},
    "undo": {"de": "Rückgängig machen", "en": "Undo"},
    "undo_hint": {
        "de": "Stellt den vorherigen Betrag wieder her; die E-Mail kommt zurück in die Prüfliste.",
        "en": "Restores the previous amount; the email returns to the review queue.",
    },
    "override": {"de": "Andere Forderung (Admin, mit Begründung)", "en": "Another claim (admin, with a reason)"},
    "override_claim": {
        "de": "Forderung (Nr., Aktenzeichen des Gläubigers oder BÖ-Aktenzeichen + Gläubiger)",
        "en": "Claim (number, creditor's reference, or file number + creditor)",
    },
    "claim_search": {"de": "Forderung suchen", "en": "Find a claim"},
    "claim_search_placeholder": {
        "de": "z. B. BÖ-2024-0173 Telekom oder TK-1",
        "en": "e.g. BÖ-2024-0173 Telekom or TK-1",
    },
    "claim_search_button": {"de": "Suchen", "en": "Search"},
    "claim_search_none": {"de": "Keine Forderung passt.", "en": "No claim fits."},
    "claim_no": {"de": "Forderungs-Nr. {id}", "en": "claim ID {id}"},
    "override_reason": {"de": "Begründung", "en": "Reason"},
    "closed": {"de": "Diese E-Mail wartet nicht (mehr) auf Prüfung", "en": "This email is not waiting for review"},
    "decided_approve": {
        "de": "Freigegeben von {who} am {when}: Forderung {claim} {old} → {new}",
        "en": "Approved by {who} on {when}: claim {claim} {old} → {new}",
    },
    "decided_reject": {"de": "Abgelehnt von {who} am {when}: {reason}", "en": "Rejected by {who} on {when}: {reason}"},
    "undo_approval": {
        "de": "Freigabe von {who} rückgängig machen: Forderung {new} → {old}",
        "en": "Undo {who}'s approval: claim {new} → {old}",
    },
    "undo_auto": {
        "de": "Automatische Übernahme rückgängig machen: Forderung {new} → {old}",
        "en": "Undo the automatic update: claim {new} → {old}",
    },
    "undo_rejection": {"de": "Ablehnung von {who} rückgängig machen", "en": "Undo {who}'s rejection"},
    "confirm_other": {
        "de": "Ich mache die Entscheidung von {who} rückgängig (wird protokolliert)",
        "en": "I am undoing {who}'s decision (logged)",
    },
    "other_confirmation": {
        "de": "Diese Entscheidung hat {who} am {when} getroffen. Um sie rückgängig zu machen, bitte bestätigen.",
        "en": "{who} made this decision on {when}. To undo it, please confirm.",
    },
    "msg_approved": {"de": "E-Mail {ref} freigegeben.", "en": "Email {ref} approved."},
    "msg_approved_change": {
        "de": "E-Mail {ref} freigegeben: Forderung {old} → {new}.",
        "en": "Email {ref} approved: claim {old} → {new}.",
    },
    "mirror": {"de": "Spiegelung", "en": "mirror"},
    "msg_rejected": {"de": "E-Mail {ref} abgelehnt.", "en": "Email {ref} rejected."},
    "msg_rejected_kept": {
        "de": "E-Mail {ref} abgelehnt. Die Ablehnung ändert keine Forderung: Forderung {claim} behält {kept} aus "
        "dieser E-Mail. „Rückgängig“ auf der Seite der E-Mail {ref} setzt sie auf {old} zurück.",
        "en": "Email {ref} rejected. Rejecting changes no claim: claim {claim} keeps {kept} from this email. "
        "“Undo” on email {ref}'s page reverts it to {old}.",
    },
    "msg_undone": {
        "de": "E-Mail {ref}: rückgängig gemacht, wieder in der Prüfliste.",
        "en": "Email {ref}: undone, back in the review queue.",
    },
    "held": {"de": "Zur Prüfung angehalten, weil", "en": "Held for review because"},
    "not_applied_title": {"de": "Nicht übernommen", "en": "Not applied"},
    "new_holder": {"de": "neuer Inhaber laut E-Mail: {name}", "en": "new holder per the email: {name}"},
    "superseded_title": {
        "de": "Wartet noch: der Betrag wurde nicht übernommen",
        "en": "Still waiting: the amount was not applied",
    },
    "superseded_hint": {
        "de": "{who} hat am {when} freigegeben, aber eine neuere E-Mail hatte die Forderung gesetzt:",
        "en": "{who} approved on {when}, but a newer email had set the claim:",
    },
    "confirm_change": {"de": "Betrag trotz Abweichung übernehmen", "en": "Apply the amount despite the deviation"},
    "no_preselect": {
        "de": "Keine Forderung vorausgewählt: kein Kandidat ist eindeutig genug – bitte selbst wählen.",
        "en": "No claim pre-selected: no candidate is clear enough – please choose one.",
    },
    "confirm_change_for": {
        "de": "Betrag {amount} trotz Abweichung übernehmen",
        "en": "Apply the amount {amount} despite the deviation",
    },
    "confirmation_other": {
        "de": "Die Bestätigung galt {confirmed}, nicht {amount}; ein geänderter Betrag braucht eine eigene. ",
        "en": "The confirmation was for {confirmed}, not {amount}; a changed amount needs its own. ",
    },
    "confirm_mismatch_candidate": {
        "de": "Trotzdem auf die Forderung {claim} übernehmen, obwohl der Gläubiger nicht passt (wird protokolliert)",
        "en": "Apply to the claim {claim} anyway although its creditor does not fit (logged)",
    },
    "sale_confirmation": {
        "de": (
            "Eine andere wartende E-Mail meldet diese Forderung verkauft, abgetreten oder in der Vollstreckung: "
            "{problems}. Bitte prüfen; um trotzdem zu übernehmen, den gemeldeten Verkauf bestätigen und erneut freigeben."
        ),
        "en": (
            "Another waiting email reports this claim sold, assigned or under enforcement: {problems}. Please "
            "check; to apply it anyway, confirm the reported sale and approve again."
        ),
    },
    "confirm_sale": {
        "de": "Trotzdem auf die Forderung {claim} übernehmen, obwohl ein Verkauf oder eine Abgabe gemeldet ist (wird protokolliert)",
        "en": "Apply to the claim {claim} anyway although a sale or hand-over is reported (logged)",
    },
    "override_newer": {
        "de": (
            "Trotzdem auf die Forderung {claim} übernehmen, obwohl eine neuere E-Mail sie gesetzt hat "
            "(wird protokolliert)"
        ),
        "en": "Apply to the claim {claim} anyway although a newer email set it (logged as an override)",
    },
    "waiting_for_review": {"de": "Warten auf Prüfung", "en": "Waiting for review"},
    "waiting_for_review_hint": {
        "de": "abgeschlossen, zur Prüfung oder ohne Zuordnung, von niemandem entschieden — wie die Prüfliste",
        "en": "completed, needs_review or no_match, decided by nobody — as the review queue",
    },
    "by_match_all": {"de": "alle E-Mails, auch entschiedene", "en": "all emails, decided ones included"},
    "msg_retried": {"de": "E-Mail {ref} erneut eingereiht.", "en": "Email {ref} queued again."},
    "queue_done": {"de": "Die Prüfliste ist leer.", "en": "The queue is empty."},
    "forbidden": {"de": "Nur für Administratoren.", "en": "Admins only."},
    "read_only": {
        "de": "Nur Lesezugriff: Ihr Konto (Rolle „viewer“) darf E-Mails ansehen, aber nichts entscheiden – "
        "nichts wurde geändert.",
        "en": "Read-only account (role “viewer”): it may look at emails but not decide – nothing was changed.",
    },
    "read_only_hint": {
        "de": "Nur Lesezugriff: Sie können diese E-Mail ansehen, aber nicht entscheiden.",
        "en": "Read-only: you can look at this email but not decide it.",
    },
    "not_found": {"de": "Nicht gefunden.", "en": "Not found."},
    "mismatch_confirmation": {
        "de": (
            "Diese Forderung passt nicht zur E-Mail: {problems}. Bitte prüfen; um sie trotzdem zu "
            "übernehmen, die Abweichung bestätigen und erneut freigeben."
        ),
        "en": (
            "This claim does not fit the email: {problems}. Please check; to apply it anyway, "
            "confirm the mismatch and approve again."
        ),
    },
    "confirm_mismatch": {
        "de": "Trotz Abweichung auf diese Forderung übernehmen (wird protokolliert)",
        "en": "Apply to this claim despite the mismatch (logged)",
    },
    "needs_confirmation": {
        "de": (
            "Der Betrag {amount} weicht stark vom gespeicherten Betrag {stored} ab. Bitte prüfen; "
            "um ihn trotzdem zu übernehmen, die Bestätigung ankreuzen und erneut freigeben."
        ),
        "en": (
            "The amount {amount} is far from the stored amount {stored}. Check the figure; "
            "to apply it anyway, tick the confirmation and approve again."
        ),
    },
    "database_down": {
        "de": "Die Datenbank ist gerade nicht erreichbar; bitte in Kürze erneut versuchen.",
        "en": "The database is unreachable just now; please try again shortly.",
    },
    "queue_down": {
        "de": "Die Warteschlange ist gerade nicht erreichbar; bitte in Kürze erneut versuchen.",
        "en": "The queue is unreachable just now; please try again shortly.",
    },
    "internal_error": {
        "de": "Interner Fehler; die Anfrage wurde nicht ausgeführt (Details im Server-Protokoll).",
        "en": "Internal error; the request was not carried out (details in the server log).",
    },
    "csrf_failed": {
        "de": "Sicherheitsprüfung fehlgeschlagen (CSRF). Seite neu laden und erneut versuchen.",
        "en": "Security check failed (CSRF). Reload the page and try again.",
    },
    "by_status": {"de": "Verarbeitungsstand", "en": "Processing state"},
    "by_match": {"de": "Zuordnung", "en": "Match status"},
    "oldest_unfinished": {"de": "Älteste unerledigte", "en": "Oldest unfinished"},
    "workers": {"de": "Worker", "en": "Workers"},
    "queue_depth": {"de": "Warteschlange", "en": "Queue"},
    "pending": {"de": "wartend", "en": "pending"},
    "scheduled": {"de": "geplant", "en": "scheduled"},
    "none": {"de": "keine", "en": "none"},
    "retry": {"de": "Erneut versuchen", "en": "Retry"},
    "attempts": {"de": "Versuche", "en": "Attempts"},
    "error": {"de": "Fehler", "en": "Error"},
    "no_failed": {"de": "Keine fehlgeschlagenen E-Mails.", "en": "No failed emails."},
    "quarantine_hint": {
        "de": "Signierte, aber ungültige Webhook-Aufrufe. Öffnen, um sie korrigiert einzuspielen oder zu verwerfen "
        "(wie auf der Kommandozeile):",
        "en": "Signed but invalid webhook bodies. Open one to replay it corrected or dismiss it "
        "(as on the command line):",
    },
    "q_open": {"de": "Bearbeiten", "en": "Open"},
    "q_item": {"de": "Quarantäne #{id}", "en": "Quarantine #{id}"},
    "q_raw": {"de": "Empfangener Inhalt", "en": "Body received"},
    "q_replay": {"de": "Korrigiert einspielen", "en": "Replay corrected"},
    "q_replay_hint": {
        "de": "Den Inhalt als gültiges Webhook-JSON korrigieren; er wird als E-Mail gespeichert und verarbeitet.",
        "en": "Correct the body into valid webhook JSON; it is stored as an email and processed.",
    },
    "q_replay_confirm": {
        "de": "Ja, diesen Inhalt als E-Mail speichern und verarbeiten",
        "en": "Yes, store this body as an email and process it",
    },
    "q_dismiss": {"de": "Verwerfen", "en": "Dismiss"},
    "q_dismiss_reason": {"de": "Grund (Pflicht)", "en": "Reason (required)"},
    "q_dismiss_confirm": {
        "de": "Ja, ohne E-Mail schließen",
        "en": "Yes, close it without an email",
    },
    "q_confirm_missing": {
        "de": "Bitte das Bestätigungsfeld ankreuzen; nichts wurde geändert.",
        "en": "Please tick the confirmation box; nothing was changed.",
    },
    "msg_q_replayed": {"de": "Quarantäne #{ref} eingespielt.", "en": "Quarantine #{ref} replayed."},
    "msg_q_dismissed": {"de": "Quarantäne #{ref} verworfen.", "en": "Quarantine #{ref} dismissed."},
    "story": {"de": "Verlauf der E-Mail", "en": "Email story"},
    "live": {"de": "live", "en": "live"},
    "time": {"de": "Zeit", "en": "Time"},
    "kind": {"de": "Art", "en": "Kind"},
    "message": {"de": "Meldung", "en": "Message"},
    "person": {"de": "Person", "en": "Person"},
    "action": {"de": "Aktion", "en": "Action"},
    "claim": {"de": "Forderung", "en": "Claim"},
    "change": {"de": "Änderung", "en": "Change"},
    "channel": {"de": "Weg", "en": "Channel"},
    "cli_decision": {"de": "Befehlszeile, Benutzer des Rechners", "en": "command line, OS user"},
    "channel_cli": {"de": "Befehlszeile", "en": "command line"},
    "channel_desk": {"de": "Desk", "en": "desk"},
    "status": {"de": "Stand", "en": "Status"},
    "claim_updates": {"de": "Forderungsänderungen", "en": "Claim updates"},
    "role_admin": {"de": "Administrator", "en": "Admin"},
    "role_reviewer": {"de": "Sachbearbeitung", "en": "Reviewer"},
    "role_viewer": {"de": "Lesezugriff", "en": "Viewer (read only)"},
    "last_hour": {"de": "Letzte Stunde", "en": "Last hour"},
    "lh_received": {"de": "eingegangen", "en": "received"},
    "lh_finished": {"de": "abgeschlossen", "en": "finished"},
    "lh_failed": {"de": "fehlgeschlagen", "en": "failed"},
    "total": {"de": "Gesamt", "en": "Total"},
    "reply_kind": {"de": "Art der Antwort", "en": "Reply kind"},
    "currency": {"de": "Währung", "en": "Currency"},
    "principal": {"de": "Hauptforderung", "en": "Principal"},
    "interest": {"de": "Zinsen", "en": "Interest"},
    "costs": {"de": "Kosten", "en": "Costs"},
    "confidence": {"de": "Sicherheit", "en": "Confidence"},
    "statement_date": {"de": "Stand vom", "en": "Statement date"},
    "references": {"de": "Aktenzeichen", "en": "References"},
    "action_approve": {"de": "freigegeben", "en": "approved"},
    "action_reject": {"de": "abgelehnt", "en": "rejected"},
    "action_undo": {"de": "rückgängig", "en": "undone"},
    "action_retry": {"de": "erneut versucht", "en": "retried"},
    "action_not_applied": {"de": "nicht übernommen", "en": "not applied"},
    "override_flag": {"de": "Übersteuerung", "en": "override"},
}

DISPLAY_NAMES: dict[str, dict[str, str]] = {
    # reply kinds (creditctl/pipeline/extraction/model.py, ReplyKind)
    "claim_statement": {"de": "Forderungsaufstellung", "en": "claim statement"},
    "claim_settled": {"de": "Forderung erledigt", "en": "claim settled"},
    "dispute": {"de": "Widerspruch", "en": "dispute"},
    "document_request": {"de": "Unterlagen angefordert", "en": "documents requested"},
    "client_unknown": {"de": "Mandant unbekannt", "en": "client unknown"},
    "settlement_proposal": {"de": "Vergleichsvorschlag", "en": "settlement proposal"},
    "claim_assigned": {"de": "Forderung abgetreten", "en": "claim assigned"},
    "enforcement": {"de": "Vollstreckung", "en": "enforcement"},
    "auto_reply": {"de": "automatische Antwort", "en": "auto-reply"},
    "other": {"de": "Sonstiges", "en": "other"},
    # processing states (creditctl/models.py, ProcessingStatus; docs/state-machine.md)
    "received": {"de": "empfangen", "en": "received"},
    "queued": {"de": "eingereiht", "en": "queued"},
    "processing": {"de": "in Bearbeitung", "en": "processing"},
    "parsed": {"de": "gelesen", "en": "parsed"},
    "extracted": {"de": "ausgewertet", "en": "extracted"},
    "retrying": {"de": "wird wiederholt", "en": "retrying"},
    "completed": {"de": "abgeschlossen", "en": "completed"},
    "not_creditor_reply": {"de": "keine Gläubigerantwort", "en": "not a creditor reply"},
    "failed": {"de": "fehlgeschlagen", "en": "failed"},
    # match states (creditctl/pipeline/matching_types.py, MatchStatus)
    "pending": {"de": "offen", "en": "pending"},
    "auto_matched": {"de": "automatisch zugeordnet", "en": "matched automatically"},
    "needs_review": {"de": "zur Prüfung", "en": "needs review"},
    "no_match": {"de": "keine Zuordnung", "en": "no match"},
    # claim write statuses (creditctl/services/claims.py, WriteResult; older review notes name them)
    "applied": {"de": "übernommen", "en": "applied"},
    "unchanged": {"de": "unverändert", "en": "unchanged"},
    "already_applied": {"de": "bereits übernommen", "en": "already applied"},
    # mirror write statuses (creditctl/models.py, ClaimUpdate.mirror_status / Email.mirror_status)
    "not_needed": {"de": "nicht nötig", "en": "not needed"},
    "mirrored": {"de": "gespiegelt", "en": "mirrored"},
}
"""The one table of display names for the codes a page shows (reply kinds, processing and
match states), used by the templates through ``Formatter.name``."""


EVENT_KINDS: dict[str, dict[str, str]] = {
    # event kinds (services/events.py callers; README "tail")
    "webhook": {"de": "Eingang", "en": "webhook"},
    "transition": {"de": "Statuswechsel", "en": "transition"},
    "duplicate": {"de": "Duplikat", "en": "duplicate"},
    "error": {"de": "Fehler", "en": "error"},
    "attempt": {"de": "Versuch", "en": "attempt"},
    "operator": {"de": "Bedienung", "en": "operator"},
    "review": {"de": "Prüfung", "en": "review"},
    "mirror": {"de": "Spiegelung", "en": "mirror"},
    "alert": {"de": "Alarm", "en": "alert"},
    "notification": {"de": "Benachrichtigung", "en": "notification"},
    "sweep": {"de": "Nachschub", "en": "sweep"},
    "auto_match": {"de": "automatische Zuordnung", "en": "auto match"},
    "reprocess": {"de": "Neuverarbeitung", "en": "reprocess"},
    "retry_mirror": {"de": "Spiegelung wiederholt", "en": "retry mirror"},
    "zendesk_note": {"de": "Zendesk-Notiz", "en": "Zendesk note"},
    "claim_update": {"de": "Forderungsänderung", "en": "claim update"},
}
"""Display names of the event kinds the Ereignisse pages show (``Formatter.event_kind``);
a kind not listed is shown as it is."""


_ONE_VERDICT_KINDS = frozenset({"dispute", "enforcement", "sale", "credit"})


class Formatter:
    """Labels and formats for one locale and office time zone (used by every template)."""

    def __init__(self, locale: str, timezone: str) -> None:
        self.locale = Locale.parse(locale)
        self.lang = self.locale.language if self.locale.language in LANGUAGES else "en"
        self.tz = ZoneInfo(timezone)

    def t(self, key: str, **values: Any) -> str:
        """The label ``key`` in the desk's language (the key itself when unknown)."""
        text = LABELS.get(key, {}).get(self.lang, key)
        return text.format(**values) if values else text

    def role(self, role: str) -> str:
        """An access role's name (``services.users.ROLES``: ``viewer`` → ``Lesezugriff``);
        an unknown one as it is."""
        return LABELS.get(f"role_{role}", {}).get(self.lang, role)

    def name(self, code: str | None) -> str:
        """A code's display name (``claim_statement`` → ``Forderungsaufstellung``); an
        unknown code as it is, ``—`` for None or empty."""
        if not code:
            return "—"
        return DISPLAY_NAMES.get(code, {}).get(self.lang, code)

    def reason(self, text: Any, currency: str | None = None) -> str:
        """A reason, warning or message the code wrote in English, in the desk's language
        (``creditctl.desk.reasons``); an unknown one as it is. ``currency``: the claim's
        (amounts compared with the stored claim are then written with it, ``4.689,90 €``)."""
        if not text:
            return ""
        if str(text) in DISPLAY_NAMES:
            return self.name(str(text))
        return reasons.render(str(text), self, currency=currency)

    def stale_note(self, item: Any, reason: Any, currency: str | None = None) -> str:
        """The note after a hold reason computed against an amount the claim no longer holds
        (``services.review.stale_note``, the CLI's words) in the desk's language, with the
        amount in ``currency``; "" when the reason is current."""
        from creditctl.services.review import stale_note

        note = stale_note(item, str(reason))
        return self.reason(note, currency) if note else ""

    def first_reason(self, item: Any) -> str:
        """The one reason the queue shows for a waiting email (``services.review.list_reason``,
        as ``review list``), as the code wrote it: the page renders it with ``reason`` and marks
        it with ``stale_note``."""
        from creditctl.services.review import list_reason

        return list_reason(item)

    def hold_reasons(self, held: Any) -> list[str]:
        """The hold reasons a page lists (stored, most severe first): of the kinds that are
        one verdict (a dispute, enforcement, a sale, a credit), one line each — the reply's
        kind (``reply is a dispute``) and the wording found (``the reply disputes … ("weisen
        wir zurück")``) say the same; the one quoting the email is kept."""
        from creditctl.pipeline.gate import hold_kind

        reasons = [str(r) for r in held or []]
        kept: dict[str, str] = {}
        for reason in reasons:
            kind = hold_kind(reason)
            if kind not in _ONE_VERDICT_KINDS:
                continue
            if kind not in kept or ("(" in reason and "(" not in kept[kind]):
                kept[kind] = reason
        return [r for r in reasons if hold_kind(r) not in _ONE_VERDICT_KINDS or kept[hold_kind(r)] == r]

    def grouped_warnings(self, warnings: Any) -> list[tuple[str, list[str]]]:
        """The warnings a page lists, those saying the same grouped: every warning about
        text addressing the system (``pipeline.gate.hold_kind`` "injection", the review
        service's ``INJECTION_MARKERS``, or its "addressing the system" note) is one entry —
        the first, with the others folded under it. Returns ``(warning, same)`` pairs in order."""
        from creditctl.pipeline.gate import hold_kind
        from creditctl.services.review import INJECTION_MARKERS

        def injection(w: str) -> bool:
            folded = w.casefold()
            return (
                hold_kind(w) == "injection"
                or any(m in folded for m in INJECTION_MARKERS)
                or "addressing the system" in folded
            )

        groups: list[tuple[str, list[str]]] = []
        first: list[str] | None = None
        for warning in [str(w) for w in warnings or []]:
            if injection(warning) and first is not None:
                first.append(warning)
                continue
            groups.append((warning, []))
            if injection(warning):
                first = groups[-1][1]
        return groups

    def held_for(self, held: Any, kind: str) -> bool:
        """Whether any of the hold reasons ``held`` is of ``kind`` (``pipeline.gate.HOLD_KINDS``)."""
        from creditctl.pipeline.gate import hold_kind

        return any(hold_kind(str(r)) == kind for r in held or [])

    def field(self, code: str | None) -> str:
        """An extraction field's display name (``client_name`` → ``Mandant``)."""
        return reasons.field_name(code or "", self.lang) or "—"

    def source(self, code: str | None) -> str:
        """An evidence source's display name (``body`` → ``Antwort``)."""
        return reasons.source_name(code or "", self.lang) or "—"

    def money(self, amount: Any, currency: str | None = "EUR") -> str:
        """``1234.56`` → ``1.234,56 €`` (de) / ``€1,234.56`` (en); ``—`` for None."""
        value = _decimal(amount)
        if value is None:
            return "—"
        return format_currency(value, (currency or "EUR").upper(), locale=self.locale)

    def amount_input(self, amount: Any) -> str:
        """An amount as the approve form pre-fills it, in the office's notation with
        grouping (``9.870,00`` de, ``9,870.00`` en; the approve form reads both); "" for None."""
        value = _decimal(amount)
        if value is None:
            return ""
        return format_decimal(value, format="#,##0.00", locale=self.locale)

    def number(self, value: Any, digits: int = 2) -> str:
        number = _decimal(value)
        return "—" if number is None else format_decimal(number, format=f"#,##0.{'0' * digits}", locale=self.locale)

    def when(self, value: datetime | str | None) -> str:
        """A time in the office's zone, with the zone: ``07.12.2026, 04:45 MEZ`` (de)."""
        moment = _datetime(value)
        if moment is None:
            return "—"
        return self._zoned(moment, "short")

    def day(self, value: Any) -> str:
        """A calendar date (an ISO ``YYYY-MM-DD`` string or a date): ``01.12.2026`` (de),
        ``1 Dec 2026`` (en); ``—`` for None or empty; a text that is no ISO date as it is."""
        if value is None or value == "":
            return "—"
        try:
            day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
        except ValueError:
            return str(value)
        return format_date(day, "medium", locale=self.locale)

    def event_kind(self, kind: str | None) -> str:
        """An event kind's display name (``transition`` → ``Statuswechsel``); unknown as it is."""
        if not kind:
            return ""
        return EVENT_KINDS.get(kind, {}).get(self.lang, kind)

    def status_name(self, code: str | None) -> str:
        """A processing/match status in the desk's language; "" for None."""
        return self.name(code) if code else ""

    def moment(self, value: datetime | str | None) -> str:
        """A time with seconds, for event lists: ``06.12.2026, 04:15:09 MEZ`` (de)."""
        moment = _datetime(value)
        if moment is None:
            return "—"
        return self._zoned(moment, "medium")

    def _zoned(self, moment: datetime, time_format: str) -> str:
        """``moment`` in the office's zone: the full date, the time (``time_format``: short |
        medium) and the zone's short name (MEZ / MESZ)."""
        local = moment.astimezone(self.tz)
        day = format_date(local, "medium", locale=self.locale)
        clock = format_time(local, time_format, locale=self.locale)
        return f"{day}, {clock} {format_datetime(local, 'zzz', locale=self.locale)}"

    def age(self, value: datetime | str | None, now: datetime) -> str:
        """How long ago, e.g. ``3 Stunden`` / ``2 days``."""
        moment = _datetime(value)
        if moment is None:
            return "—"
        return format_timedelta(now - moment, threshold=1.5, locale=self.locale)

    def seconds(self, value: float | None) -> str:
        if value is None:
            return "—"
        return format_timedelta(timedelta(seconds=value), threshold=1.5, locale=self.locale)


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _datetime(value: datetime | str | None) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return None
    return value
