"""The starting vocabularies, from the domain notes and the school census.

A data migration loads these once; after that the council edits the terms (labels,
synonyms, new terms) as snippets in the admin. Codes and slugs are identifiers used by
imports, the directory's URLs and the API, so they should not be changed once in use.
"""

from __future__ import annotations

# (slug, label for parents, description)
BROAD_AREAS: tuple[tuple[str, str, str], ...] = (
    (
        "communication-and-interaction",
        "Communication and interaction",
        "Speaking, understanding others and social communication, including autism.",
    ),
    (
        "cognition-and-learning",
        "Learning",
        "Learning difficulties, from dyslexia to severe and profound learning difficulties.",
    ),
    (
        "social-emotional-mental-health",
        "Social, emotional and mental health",
        "Anxiety, ADHD, attachment difficulties and other emotional or behavioural needs.",
    ),
    (
        "sensory-and-physical",
        "Sensory and physical",
        "Hearing, sight and physical disabilities.",
    ),
)

# (census code, broad area slug, label for parents, synonyms parents use)
NEED_AREAS: tuple[tuple[str, str | None, str, str], ...] = (
    (
        "SLCN",
        "communication-and-interaction",
        "Speech, language and communication needs",
        "speech, language, communication, speech delay, language disorder, DLD, stammer, "
        "selective mutism, non-verbal, nonverbal",
    ),
    (
        "ASD",
        "communication-and-interaction",
        "Autism",
        "autism, autistic, ASC, ASD, Asperger's, Aspergers, autistic spectrum, PDA, "
        "pathological demand avoidance, demand avoidance",
    ),
    (
        "SPLD",
        "cognition-and-learning",
        "Dyslexia, dyscalculia and dyspraxia (specific learning difficulties)",
        "dyslexia, dyslexic, dyscalculia, dyspraxia, DCD, specific learning difficulty",
    ),
    (
        "MLD",
        "cognition-and-learning",
        "Moderate learning difficulties",
        "learning difficulty, learning difficulties, global developmental delay, global delay",
    ),
    (
        "SLD",
        "cognition-and-learning",
        "Severe learning difficulties",
        "severe learning difficulty, learning disability",
    ),
    (
        "PMLD",
        "cognition-and-learning",
        "Profound and multiple learning difficulties",
        "profound and multiple learning difficulties, complex needs",
    ),
    (
        "SEMH",
        "social-emotional-mental-health",
        "Social, emotional and mental health needs (including ADHD and anxiety)",
        "ADHD, ADD, attention deficit, attention deficit hyperactivity disorder, "
        "hyperactivity, anxiety, mental health, attachment, behaviour, emotional, wellbeing, "
        "depression, school refusal, school avoidance, emotionally based school avoidance, "
        "EBSA, OCD",
    ),
    (
        "HI",
        "sensory-and-physical",
        "Deaf or hard of hearing (hearing impairment)",
        "deaf, hard of hearing, hearing loss, hearing impairment, hearing aid, cochlear implant, "
        "hearing, hearing impaired, deafness, partially deaf",
    ),
    (
        "VI",
        "sensory-and-physical",
        "Blind or partially sighted (vision impairment)",
        "blind, partially sighted, visual impairment, vision, sight loss, braille, "
        "visually impaired, sight, sight impairment",
    ),
    (
        "MSI",
        "sensory-and-physical",
        "Deafblind (multi-sensory impairment)",
        "deafblind, deaf blind, multi-sensory impairment, dual sensory loss",
    ),
    (
        "PD",
        "sensory-and-physical",
        "Physical disability",
        "physical disability, wheelchair user, cerebral palsy, mobility, medical needs",
    ),
    (
        "OTH",
        None,
        "Other difficulty or disability",
        "other",
    ),
)

# (slug, label for parents, synonyms)
ACCESSIBILITY_FEATURES: tuple[tuple[str, str, str], ...] = (
    (
        "step-free-access",
        "Step-free access for wheelchairs",
        "wheelchair, wheelchair access, wheelchair accessible, wheelchair user, wheelchair users, "
        "step free, level access, disabled access, fully accessible",
    ),
    ("lift", "Lift to upper floors", "lift, elevator"),
    (
        "accessible-toilets",
        "Accessible toilets",
        "disabled toilet, disabled toilets, accessible toilet, accessible WC",
    ),
    (
        "hygiene-suite",
        "Hygiene suite or changing facilities",
        "hygiene suite, changing places, changing facilities, changing bed, hoist, "
        "personal care room",
    ),
    ("ramps-handrails", "Ramps and handrails", "ramp, ramps, handrail, handrails"),
    ("accessible-parking", "Accessible parking", "disabled parking, blue badge parking"),
    (
        "hearing-loop",
        "Hearing loop or soundfield system",
        "induction loop, hearing loop, soundfield, sound field, loop system",
    ),
    ("sensory-room", "Sensory room", "sensory, sensory room, sensory space, multi-sensory room"),
    (
        "quiet-spaces",
        "Quiet or calm spaces, nurture room",
        "quiet room, calm room, calm space, nurture room, safe space, break-out",
    ),
    ("adapted-playground", "Adapted playground", "accessible playground, adapted play area"),
    (
        "accessibility-plan",
        "Accessibility plan published",
        "accessibility plan, access plan",
    ),
)

# (slug, label for parents, synonyms)
OUTREACH_SERVICES: tuple[tuple[str, str, str], ...] = (
    (
        "educational-psychology",
        "Educational psychology",
        "educational psychologist, EP, psychology",
    ),
    (
        "speech-and-language-therapy",
        "Speech and language therapy",
        "speech therapy, speech therapist, SALT, SLT, speech and language therapist",
    ),
    ("occupational-therapy", "Occupational therapy", "occupational therapist, OT"),
    ("physiotherapy", "Physiotherapy", "physio, physiotherapist"),
    (
        "camhs",
        "Child and adolescent mental health services (CAMHS)",
        "CAMHS, mental health service, child mental health, counselling",
    ),
    (
        "school-nursing",
        "School nurse and health visitors",
        "school nurse, school nursing, health visitor, health visitors",
    ),
    (
        "community-paediatrics",
        "Community paediatrics and child development centre",
        "paediatrician, paediatrics, child development centre, CDC",
    ),
    (
        "specialist-teachers-sensory-physical",
        "Specialist teachers for vision, hearing, physical and medical needs",
        "sensory support, visual impairment team, hearing impairment team, VI team, HI team, "
        "physical and medical needs team, specialist teacher",
    ),
    (
        "autism-outreach",
        "Autism outreach",
        "autism outreach, ASCOS, autism advisory, autism team, communication and autism team",
    ),
    (
        "special-school-outreach",
        "Outreach from special schools and enhanced mainstream schools",
        "outreach, special school outreach, enhanced mainstream, EMS, resourced provision outreach",
    ),
    (
        "early-years-advisory",
        "Early years advisory service",
        "early years advisory, early years SEN team, portage",
    ),
    (
        "behaviour-support",
        "Behaviour support",
        "behaviour support service, behaviour outreach, primary behaviour support",
    ),
    (
        "family-support",
        "Family support and early help",
        "family support worker, early help, family support, thriving families, CAF",
    ),
    (
        "educational-social-worker",
        "Educational social worker",
        "education welfare officer, educational social worker, attendance",
    ),
    (
        "virtual-school",
        "Virtual school for children in care",
        "virtual school, looked after children, children in care, post adoption",
    ),
    ("young-carers", "Young carers", "young carers service"),
    (
        "specialist-nurses",
        "ADHD and epilepsy nurses",
        "ADHD nurse, epilepsy nurse, specialist nurse",
    ),
    (
        "sendiass",
        "SENDIASS (independent advice for parents)",
        # Not "EHCP": a plan is the council's, not a kind of school (schools.ehc_plans).
        "SENDIASS, IASS, parent partnership, independent advice, information advice and support",
    ),
)
