import PraktikaDomain

/// Plot has a `Language` of its own; in this module the name means the interface language.
typealias Language = PraktikaDomain.Language
