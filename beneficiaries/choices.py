"""Choice lists of the case file. Values are stable identifiers; labels are translated."""

import enum

from django.db import models
from django.utils.translation import gettext_lazy as _

from community_centre.choices import ColoredChoices


class Sex(models.TextChoices):
    FEMALE = "female", _("Γυναίκα")
    MALE = "male", _("Άνδρας")
    NON_BINARY = "non_binary", _("Μη δυαδικό")
    NOT_STATED = "not_stated", _("Δεν δηλώνεται")


class Citizenship(models.TextChoices):
    GREEK = "greek", _("Ελληνική")
    EU = "eu", _("Άλλου κράτους-μέλους ΕΕ")
    THIRD_COUNTRY = "third_country", _("Τρίτης χώρας")
    STATELESS = "stateless", _("Ανιθαγενής")


class IdDocumentType(models.TextChoices):
    POLICE_ID = "police_id", _("Αστυνομική ταυτότητα (ΑΔΤ)")
    PASSPORT = "passport", _("Διαβατήριο")
    RESIDENCE_PERMIT = "residence_permit", _("Άδεια διαμονής")
    ASYLUM_CARD = "asylum_card", _("Δελτίο αιτούντος διεθνή προστασία")
    OTHER = "other", _("Άλλο")


class Education(models.TextChoices):
    ISCED_0_2 = "isced_0_2", _("Έως υποχρεωτική εκπαίδευση (ISCED 0–2)")
    ISCED_3_4 = "isced_3_4", _("Δευτεροβάθμια / μεταδευτεροβάθμια (ISCED 3–4)")
    ISCED_5_8 = "isced_5_8", _("Τριτοβάθμια (ISCED 5–8)")
    NOT_STATED = "not_stated", _("Δεν δηλώνεται")


class LabourStatus(models.TextChoices):
    EMPLOYED = "employed", _("Εργαζόμενος/η")
    SELF_EMPLOYED = "self_employed", _("Αυτοαπασχολούμενος/η")
    UNEMPLOYED = "unemployed", _("Άνεργος/η")
    LONG_TERM_UNEMPLOYED = "long_term_unemployed", _("Μακροχρόνια άνεργος/η (12+ μήνες)")
    INACTIVE = "inactive", _("Οικονομικά μη ενεργός/ή")
    STUDENT = "student", _("Μαθητής/τρια – φοιτητής/τρια")
    RETIRED = "retired", _("Συνταξιούχος")
    NOT_STATED = "not_stated", _("Δεν δηλώνεται")


class Housing(models.TextChoices):
    OWNED = "owned", _("Ιδιόκτητη κατοικία")
    RENTED = "rented", _("Ενοίκιο")
    FREE = "free", _("Δωρεάν παραχώρηση / φιλοξενία")
    INSECURE = "insecure", _("Επισφαλής / ακατάλληλη κατοικία (στεγαστικός αποκλεισμός)")
    HOMELESS = "homeless", _("Άστεγος/η")
    INSTITUTION = "institution", _("Δομή φιλοξενίας / ίδρυμα")
    NOT_STATED = "not_stated", _("Δεν δηλώνεται")


class YesNoNotStated(models.TextChoices):
    YES = "yes", _("Ναι")
    NO = "no", _("Όχι")
    NOT_STATED = "not_stated", _("Δεν δηλώνεται")


class CaseStatus(ColoredChoices):
    ACTIVE = "active", _("Ενεργός")
    CLOSED = "closed", _("Κλειστός")

    COLORS = enum.nonmember({"active": "success", "closed": "secondary"})


class Relationship(models.TextChoices):
    SPOUSE = "spouse", _("Σύζυγος / σύντροφος")
    CHILD = "child", _("Τέκνο")
    PARENT = "parent", _("Γονέας")
    SIBLING = "sibling", _("Αδελφός/ή")
    GRANDCHILD = "grandchild", _("Εγγόνι")
    GRANDPARENT = "grandparent", _("Παππούς / γιαγιά")
    HOSTED = "hosted", _("Φιλοξενούμενο μέλος")
    OTHER = "other", _("Άλλη σχέση")


class NoteKind(models.TextChoices):
    IN_PERSON = "in_person", _("Αυτοπρόσωπη συνάντηση")
    PHONE = "phone", _("Τηλεφωνική επικοινωνία")
    HOME_VISIT = "home_visit", _("Κατ' οίκον επίσκεψη")
    EMAIL = "email", _("Ηλεκτρονικό ταχυδρομείο")
    OTHER = "other", _("Άλλο")


class NeedStatus(ColoredChoices):
    OPEN = "open", _("Ανοικτή")
    IN_PROGRESS = "in_progress", _("Σε εξέλιξη")
    MET = "met", _("Καλύφθηκε")
    NOT_MET = "not_met", _("Δεν κατέστη δυνατή η κάλυψη")

    # Drawn pale (`subtle`): a case file lists many needs, and full colours would shout.
    COLORS = enum.nonmember(
        {"open": "warning", "in_progress": "primary", "met": "success", "not_met": "secondary"}
    )
