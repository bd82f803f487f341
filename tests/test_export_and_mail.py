"""`export` prints the committee or the organizers for OpenReview, CMT or a spreadsheet; `mail`
writes one invitation per person as an RFC 5322 message. From tests/data/committee-to-export:
members confirmed, invited, declined, one without an email, names of one word and with "von"."""
import email
import email.policy
import mailbox

import pytest

from conftest import FIXTURES, ROOT, make_data

SCENARIO = FIXTURES / "committee-to-export"


@pytest.fixture
def data(tmp_path, run):
    """The scenario's data folder, the working folder of ``run``."""
    return make_data(tmp_path, SCENARIO)


NO_EMAIL = "data/2030/people.yaml:32:5: warning: Claude Shannon (claude-shannon) has no email: left out of the export [email]\n"


def exported(capsys, *args):
    """The exit code, stderr and stdout of ``export ARGS`` (the ``run`` fixture moved into the data's folder)."""
    from proposalgen.cli import main

    code = main(["export", *args])
    printed = capsys.readouterr()
    return code, printed.err, printed.out


def test_openreview_lines_of_the_members_not_declined(data, capsys):
    assert exported(capsys, "committee", "--format", "openreview") == (0, NO_EMAIL, (
        "emmy@example.org, Emmy Noether\nkurt@example.org, Kurt Gödel\nhypatia@example.org, Hypatia\n"
        "johnny@example.org, John von Neumann\n"))


def test_cmt_lines_split_names_as_bibtex_does(data, capsys):
    code, err, out = exported(capsys, "committee", "--format", "cmt", "--status", "invited")
    assert (code, err, out) == (0, NO_EMAIL, "Kurt\t\tGödel\tkurt@example.org\tIAS, Princeton\nJohn\t\tvon Neumann\tjohnny@example.org\tIAS\n")


def test_csv_with_status_and_openreview_id(data, capsys):
    code, err, out = exported(capsys, "committee", "--status", "confirmed")
    assert (code, err) == (0, "")
    assert out == ("name,email,affiliation,status,openreview\n"
                   "Emmy Noether,emmy@example.org,Göttingen,confirmed,\n"
                   "Hypatia,hypatia@example.org,,confirmed,\n")


def test_organizers_for_openreview_want_a_profile_each(data, capsys):
    code, err, out = exported(capsys, "organizers", "--format", "openreview", "--strict")
    assert out == "ada@example.org, Ada Lovelace\ngrace@example.org, Grace Hopper\n"
    assert (code, err) == (1, "data/2030/people.yaml:8:5: warning: organizer Grace Hopper (grace-hopper) has no 'openreview' "
                              "profile id, which OpenReview requires of every organizer [export]\n")


def test_a_status_for_the_organizers_is_bad_usage(data, capsys):
    assert exported(capsys, "organizers", "--status", "invited") == (
        2, "proposalgen: --status selects committee members; the organizers are exported all\n", "")


def test_an_edition_with_errors_exports_nothing(data, capsys):
    roles = data / "2030" / "roles.yaml"
    roles.write_text(roles.read_text().replace("kurt-goedel", "kurt-godel"))
    code, err, out = exported(capsys, "committee")
    assert (code, out) == (1, "")
    assert err.startswith("data/2030/roles.yaml:6:14: error: committee[1]: unknown person 'kurt-godel'")


def test_one_message_per_invited_member_and_their_mbox(tmp_path, run):
    make_data(tmp_path, SCENARIO)
    code, err = run("mail", "committee")
    assert code == 0
    assert err == ("data/2030/people.yaml:32:5: warning: Claude Shannon (claude-shannon) has no email: their mail has no "
                   "recipient (add it in people.yaml or in the mail client) [email]\n"
                   "wrote build/2030/mail/committee/kurt-goedel.eml\nwrote build/2030/mail/committee/john-von-neumann.eml\n"
                   "wrote build/2030/mail/committee/claude-shannon.eml\n"
                   "wrote build/2030/mail/committee.mbox\n")
    folder = tmp_path / "build" / "2030" / "mail"
    message = email.message_from_bytes((folder / "committee" / "kurt-goedel.eml").read_bytes(), policy=email.policy.default)
    assert (message["From"], message["To"], message["Subject"], message["X-Unsent"]) == (
        "Ada Lovelace <ada@example.org>", "Kurt Gödel <kurt@example.org>", "Reviewing for WCE @ ICLR 2030", "1")
    assert message.get_content() == (
        "Dear Kurt Gödel,\n\nWe are organizing the Workshop on Careful Experiments (WCE) at ICLR 2030, on April 26th, 2030, "
        "and we would be glad to have you on its program committee.\n\nCould you tell us by January 23rd, 2030 whether you "
        "can review?\n\nBest regards,\nAda Lovelace and Grace Hopper\n")
    assert "To" not in email.message_from_bytes((folder / "committee" / "claude-shannon.eml").read_bytes())
    assert [m["Subject"] for m in mailbox.mbox(folder / "committee.mbox")] == ["Reviewing for WCE @ ICLR 2030"] * 3


def test_a_speaker_is_asked_for_their_talk_of_the_schedule_by_a_given_date(tmp_path, run):
    make_data(tmp_path, SCENARIO)
    assert run("mail", "speakers", "--status", "confirmed", "--reply-by", "2029-12-01")[0] == 0
    message = email.message_from_bytes((tmp_path / "build" / "2030" / "mail" / "speakers" / "alan-turing.eml").read_bytes(),
                                       policy=email.policy.default)
    assert "gave an invited talk of 30 minutes" in message.get_content()
    assert "Could you tell us by December 1st, 2029 whether" in message.get_content()


def test_a_later_run_leaves_only_the_drafts_still_to_send(tmp_path, run):
    data = make_data(tmp_path, SCENARIO)
    assert run("mail", "committee")[0] == 0
    roles = data / "2030" / "roles.yaml"
    roles.write_text(roles.read_text().replace("{person: kurt-goedel, status: invited}", "{person: kurt-goedel, status: confirmed}"))
    assert run("mail", "committee")[0] == 0
    assert sorted(p.name for p in (tmp_path / "build" / "2030" / "mail" / "committee").iterdir()) == ["claude-shannon.eml", "john-von-neumann.eml"]


def test_the_users_mail_template_replaces_ours(tmp_path, run):
    data = make_data(tmp_path, SCENARIO)
    (data / "templates" / "mail").mkdir(parents=True)
    (data / "templates" / "mail" / "committee.md").write_text("Subject: Review for us?\n\nHello {{ invitation.person.name }}!\n")
    assert run("mail", "committee")[0] == 0
    message = email.message_from_bytes((tmp_path / "build" / "2030" / "mail" / "committee" / "kurt-goedel.eml").read_bytes(),
                                       policy=email.policy.default)
    assert (message["Subject"], message.get_content()) == ("Review for us?", "Hello Kurt Gödel!\n")


def test_the_examples_speakers_get_their_invitation(tmp_path, run):
    code, err = run("mail", "speakers", "--status", "all", "--data", str(ROOT / "data"))
    assert code == 0 and err.endswith("wrote build/2026/mail/speakers.mbox\n")
    assert len(mailbox.mbox(tmp_path / "build" / "2026" / "mail" / "speakers.mbox")) == err.count(".eml\n") > 0
