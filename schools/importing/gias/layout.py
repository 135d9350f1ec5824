"""The layout of the GIAS "all establishment data" file, and what its values mean here."""

from __future__ import annotations

from ...models import (
    EstablishmentType,
    Phase,
    ProvisionKind,
)

# The header of the published file (the 135 columns of the 2025-26 extracts), in order.
# The import reads only ``REQUIRED_COLUMNS``; the rest are listed so that tests and the
# benchmark can write files laid out exactly as GIAS publishes them.
SEN_COLUMNS: tuple[str, ...] = tuple(f"SEN{number} (name)" for number in range(1, 14))
PUBLISHED_HEADER: tuple[str, ...] = (
    "URN",
    "LA (code)",
    "LA (name)",
    "EstablishmentNumber",
    "EstablishmentName",
    "TypeOfEstablishment (code)",
    "TypeOfEstablishment (name)",
    "EstablishmentTypeGroup (code)",
    "EstablishmentTypeGroup (name)",
    "EstablishmentStatus (code)",
    "EstablishmentStatus (name)",
    "ReasonEstablishmentOpened (code)",
    "ReasonEstablishmentOpened (name)",
    "OpenDate",
    "ReasonEstablishmentClosed (code)",
    "ReasonEstablishmentClosed (name)",
    "CloseDate",
    "PhaseOfEducation (code)",
    "PhaseOfEducation (name)",
    "StatutoryLowAge",
    "StatutoryHighAge",
    "Boarders (code)",
    "Boarders (name)",
    "NurseryProvision (name)",
    "OfficialSixthForm (code)",
    "OfficialSixthForm (name)",
    "Gender (code)",
    "Gender (name)",
    "ReligiousCharacter (code)",
    "ReligiousCharacter (name)",
    "ReligiousEthos (name)",
    "Diocese (code)",
    "Diocese (name)",
    "AdmissionsPolicy (code)",
    "AdmissionsPolicy (name)",
    "SchoolCapacity",
    "SpecialClasses (code)",
    "SpecialClasses (name)",
    "CensusDate",
    "NumberOfPupils",
    "NumberOfBoys",
    "NumberOfGirls",
    "PercentageFSM",
    "TrustSchoolFlag (code)",
    "TrustSchoolFlag (name)",
    "Trusts (code)",
    "Trusts (name)",
    "SchoolSponsorFlag (name)",
    "SchoolSponsors (name)",
    "FederationFlag (name)",
    "Federations (code)",
    "Federations (name)",
    "UKPRN",
    "FEHEIdentifier",
    "FurtherEducationType (name)",
    "LastChangedDate",
    "Street",
    "Locality",
    "Address3",
    "Town",
    "County (name)",
    "Postcode",
    "SchoolWebsite",
    "TelephoneNum",
    "HeadTitle (name)",
    "HeadFirstName",
    "HeadLastName",
    "HeadPreferredJobTitle",
    "BSOInspectorateName (name)",
    "InspectorateReport",
    "DateOfLastInspectionVisit",
    "NextInspectionVisit",
    "TeenMoth (name)",
    "TeenMothPlaces",
    "CCF (name)",
    "SENPRU (name)",
    "EBD (name)",
    "PlacesPRU",
    "FTProv (name)",
    "EdByOther (name)",
    "Section41Approved (name)",
    *SEN_COLUMNS,
    "TypeOfResourcedProvision (name)",
    "ResourcedProvisionOnRoll",
    "ResourcedProvisionCapacity",
    "SenUnitOnRoll",
    "SenUnitCapacity",
    "GOR (code)",
    "GOR (name)",
    "DistrictAdministrative (code)",
    "DistrictAdministrative (name)",
    "AdministrativeWard (code)",
    "AdministrativeWard (name)",
    "ParliamentaryConstituency (code)",
    "ParliamentaryConstituency (name)",
    "UrbanRural (code)",
    "UrbanRural (name)",
    "GSSLACode (name)",
    "Easting",
    "Northing",
    "MSOA (name)",
    "LSOA (name)",
    "InspectorateName (name)",
    "SENStat",
    "SENNoStat",
    "BoardingEstablishment (name)",
    "PropsName",
    "PreviousLA (code)",
    "PreviousLA (name)",
    "PreviousEstablishmentNumber",
    "Country (name)",
    "UPRN",
    "SiteName",
    "QABName (code)",
    "QABName (name)",
    "EstablishmentAccredited (code)",
    "EstablishmentAccredited (name)",
    "QABReport",
    "CHNumber",
    "MSOA (code)",
    "LSOA (code)",
    "FSM",
    "AccreditationExpiryDate",
)

URN = "URN"
LA_CODE = "LA (code)"
NAME = "EstablishmentName"
TYPE = "TypeOfEstablishment (name)"
STATUS = "EstablishmentStatus (name)"
CLOSE_REASON = "ReasonEstablishmentClosed (name)"
CLOSE_DATE = "CloseDate"
PHASE = "PhaseOfEducation (name)"
LOW_AGE = "StatutoryLowAge"
HIGH_AGE = "StatutoryHighAge"
ADDRESS_LINES = ("Street", "Locality", "Address3")
TOWN = "Town"
POSTCODE = "Postcode"
WEBSITE = "SchoolWebsite"
PHONE = "TelephoneNum"
HEAD = ("HeadTitle (name)", "HeadFirstName", "HeadLastName")
EASTING = "Easting"
NORTHING = "Northing"
PROVISION_TYPE = "TypeOfResourcedProvision (name)"
RP_ON_ROLL = "ResourcedProvisionOnRoll"
RP_CAPACITY = "ResourcedProvisionCapacity"
UNIT_ON_ROLL = "SenUnitOnRoll"
UNIT_CAPACITY = "SenUnitCapacity"
# The school census totals GIAS repeats, and the census they come from. Read when present.
EHC_PLANS = "SENStat"
SEN_SUPPORT = "SENNoStat"
CENSUS_DATE = "CensusDate"

REQUIRED_COLUMNS: tuple[str, ...] = (
    URN,
    LA_CODE,
    NAME,
    TYPE,
    STATUS,
    CLOSE_DATE,
    PHASE,
    LOW_AGE,
    HIGH_AGE,
    *ADDRESS_LINES,
    TOWN,
    POSTCODE,
    WEBSITE,
    PHONE,
    *HEAD,
    EASTING,
    NORTHING,
    *SEN_COLUMNS,
    PROVISION_TYPE,
    RP_ON_ROLL,
    RP_CAPACITY,
    UNIT_ON_ROLL,
    UNIT_CAPACITY,
)

# Values GIAS writes in "(name)" columns when there is nothing to say.
BLANKS = frozenset({"", "not applicable", "not recorded", "none"})

OPEN_STATUSES = frozenset({"Open", "Open, but proposed to close"})
CLOSED_STATUS = "Closed"
NOT_YET_OPEN_STATUS = "Proposed to open"

# Establishment types that must publish an SEN information report, with our type and,
# for special and alternative provision, the phase that describes them better than
# GIAS's "Not applicable". Types not listed (independent mainstream schools, colleges,
# children's centres, secure units, Welsh and overseas establishments...) are skipped.
ESTABLISHMENT_TYPES: dict[str, tuple[EstablishmentType, Phase | None]] = {
    "Community school": (EstablishmentType.COMMUNITY, None),
    "Voluntary aided school": (EstablishmentType.VOLUNTARY_AIDED, None),
    "Voluntary controlled school": (EstablishmentType.VOLUNTARY_CONTROLLED, None),
    "Foundation school": (EstablishmentType.FOUNDATION, None),
    "Academy converter": (EstablishmentType.ACADEMY, None),
    "Academy sponsor led": (EstablishmentType.ACADEMY, None),
    "Academy 16-19 converter": (EstablishmentType.ACADEMY, Phase.SIXTEEN_TO_NINETEEN),
    "Academy 16 to 19 sponsor led": (EstablishmentType.ACADEMY, Phase.SIXTEEN_TO_NINETEEN),
    "Free schools": (EstablishmentType.FREE_SCHOOL, None),
    "Free schools 16 to 19": (EstablishmentType.FREE_SCHOOL, Phase.SIXTEEN_TO_NINETEEN),
    "Studio schools": (EstablishmentType.FREE_SCHOOL, None),
    "University technical college": (EstablishmentType.FREE_SCHOOL, None),
    "City technology college": (EstablishmentType.OTHER, None),
    "Community special school": (EstablishmentType.MAINTAINED_SPECIAL, Phase.SPECIAL),
    "Foundation special school": (EstablishmentType.MAINTAINED_SPECIAL, Phase.SPECIAL),
    "Academy special converter": (EstablishmentType.ACADEMY_SPECIAL, Phase.SPECIAL),
    "Academy special sponsor led": (EstablishmentType.ACADEMY_SPECIAL, Phase.SPECIAL),
    "Free schools special": (EstablishmentType.ACADEMY_SPECIAL, Phase.SPECIAL),
    "Non-maintained special school": (EstablishmentType.INDEPENDENT_SPECIAL, Phase.SPECIAL),
    "Other independent special school": (EstablishmentType.INDEPENDENT_SPECIAL, Phase.SPECIAL),
    "Local authority nursery school": (EstablishmentType.MAINTAINED_NURSERY, Phase.NURSERY),
    "Pupil referral unit": (
        EstablishmentType.PUPIL_REFERRAL_UNIT,
        Phase.ALTERNATIVE_PROVISION,
    ),
    "Academy alternative provision converter": (
        EstablishmentType.ACADEMY,
        Phase.ALTERNATIVE_PROVISION,
    ),
    "Academy alternative provision sponsor led": (
        EstablishmentType.ACADEMY,
        Phase.ALTERNATIVE_PROVISION,
    ),
    "Free schools alternative provision": (
        EstablishmentType.FREE_SCHOOL,
        Phase.ALTERNATIVE_PROVISION,
    ),
}

PHASES: dict[str, Phase] = {
    "Nursery": Phase.NURSERY,
    "Primary": Phase.PRIMARY,
    "Middle deemed primary": Phase.MIDDLE,
    "Middle deemed secondary": Phase.MIDDLE,
    "Secondary": Phase.SECONDARY,
    "16 plus": Phase.SIXTEEN_TO_NINETEEN,
    "All-through": Phase.ALL_THROUGH,
}

PROVISION_TYPES: dict[str, tuple[ProvisionKind, ...]] = {
    "resourced provision": (ProvisionKind.RESOURCED_PROVISION,),
    "sen unit": (ProvisionKind.SEN_UNIT,),
    "resourced provision and sen unit": (
        ProvisionKind.RESOURCED_PROVISION,
        ProvisionKind.SEN_UNIT,
    ),
}
