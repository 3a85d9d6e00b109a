/**
 * License categories as Google's licenseclassifier defines them (and Trivy reuses), from most to least
 * encumbering. Policies name them as `@forbidden`, `@restricted`, …
 */
export type LicenseCategory = 'forbidden' | 'restricted' | 'reciprocal' | 'notice' | 'permissive' | 'unencumbered';

/*
 * Which SPDX license belongs to which category. Keys are base ids: `-only`, `-or-later` and `+` are removed
 * before lookup, so `GPL-2.0` covers `GPL-2.0-only`, `GPL-2.0-or-later` and `GPL-2.0+`.
 *
 * Every id in the installed SPDX lists is named once, in exactly one of the two tables below; a unit test
 * holds that true whenever the SPDX packages are updated.
 */

/**
 * The classification of google/licenseclassifier (`license_type.go`), which Trivy reuses; Trivy's port
 * adds BSD-1-Clause to `notice`. Names of that list that are not SPDX ids (BCL, Commons-Clause,
 * Facebook-*, Lil-1.0, PIL, Python-2.0-complete) are left out.
 *
 * licenseclassifier has a seventh class, `by_exception_only` (Beerware, OFL-1.1, OpenVision), which Trivy
 * drops and the six categories have no place for; those three are classified by their terms in
 * REVIEWED_CATEGORIES below.
 */
export const LICENSECLASSIFIER_CATEGORIES: Readonly<Record<LicenseCategory, readonly string[]>> = {
  forbidden: [
    'AGPL-1.0', 'AGPL-3.0',
    'CC-BY-NC-1.0', 'CC-BY-NC-2.0', 'CC-BY-NC-2.5', 'CC-BY-NC-3.0', 'CC-BY-NC-4.0',
    'CC-BY-NC-ND-1.0', 'CC-BY-NC-ND-2.0', 'CC-BY-NC-ND-2.5', 'CC-BY-NC-ND-3.0', 'CC-BY-NC-ND-4.0',
    'CC-BY-NC-SA-1.0', 'CC-BY-NC-SA-2.0', 'CC-BY-NC-SA-2.5', 'CC-BY-NC-SA-3.0', 'CC-BY-NC-SA-4.0',
    'WTFPL',
  ],
  restricted: [
    'CC-BY-ND-1.0', 'CC-BY-ND-2.0', 'CC-BY-ND-2.5', 'CC-BY-ND-3.0', 'CC-BY-ND-4.0',
    'CC-BY-SA-1.0', 'CC-BY-SA-2.0', 'CC-BY-SA-2.5', 'CC-BY-SA-3.0', 'CC-BY-SA-4.0',
    'GPL-1.0', 'GPL-2.0', 'GPL-3.0',
    'GPL-2.0-with-autoconf-exception', 'GPL-2.0-with-bison-exception', 'GPL-2.0-with-classpath-exception',
    'GPL-2.0-with-font-exception', 'GPL-2.0-with-GCC-exception',
    'GPL-3.0-with-autoconf-exception', 'GPL-3.0-with-GCC-exception',
    'LGPL-2.0', 'LGPL-2.1', 'LGPL-3.0',
    'NPL-1.0', 'NPL-1.1',
    'OSL-1.0', 'OSL-1.1', 'OSL-2.0', 'OSL-2.1', 'OSL-3.0',
    'QPL-1.0', 'Sleepycat',
  ],
  reciprocal: [
    'APSL-1.0', 'APSL-1.1', 'APSL-1.2', 'APSL-2.0', 'CDDL-1.0', 'CDDL-1.1', 'CPL-1.0', 'EPL-1.0', 'EPL-2.0',
    'FreeImage', 'IPL-1.0', 'MPL-1.0', 'MPL-1.1', 'MPL-2.0', 'Ruby',
  ],
  notice: [
    'AFL-1.1', 'AFL-1.2', 'AFL-2.0', 'AFL-2.1', 'AFL-3.0', 'Apache-1.0', 'Apache-1.1', 'Apache-2.0',
    'Artistic-1.0', 'Artistic-1.0-cl8', 'Artistic-1.0-Perl', 'Artistic-2.0', 'BSL-1.0',
    'BSD-1-Clause', 'BSD-2-Clause', 'BSD-2-Clause-FreeBSD', 'BSD-2-Clause-NetBSD', 'BSD-3-Clause',
    'BSD-3-Clause-Attribution', 'BSD-3-Clause-Clear', 'BSD-3-Clause-LBNL', 'BSD-4-Clause', 'BSD-4-Clause-UC',
    'BSD-Protection', 'CC-BY-1.0', 'CC-BY-2.0', 'CC-BY-2.5', 'CC-BY-3.0', 'CC-BY-4.0', 'FTL', 'ISC',
    'ImageMagick', 'Libpng', 'Linux-OpenIB', 'LPL-1.0', 'LPL-1.02', 'MS-PL', 'MIT', 'NCSA', 'OpenSSL',
    'PHP-3.0', 'PHP-3.01', 'Python-2.0', 'PostgreSQL', 'SGI-B-1.0', 'SGI-B-1.1', 'SGI-B-2.0',
    'Unicode-DFS-2015', 'Unicode-DFS-2016', 'Unicode-TOU', 'UPL-1.0', 'W3C', 'W3C-19980720', 'W3C-20150513',
    'X11', 'Xnet', 'Zend-2.0', 'Zlib', 'zlib-acknowledgement', 'ZPL-1.1', 'ZPL-2.0', 'ZPL-2.1',
  ],
  permissive: [],
  unencumbered: ['0BSD', 'CC0-1.0', 'Unlicense'],
};

/**
 * Every other SPDX license, classified here after reading its text (`spdx-license-list/full`):
 * - forbidden: network copyleft, non-commercial or field-of-use limits, source-available terms that bar
 *   competing use, and the WTFPL's derivatives (licenseclassifier forbids the WTFPL itself);
 * - restricted: strong copyleft — distributing a work that includes it obliges you to release the whole
 *   work's source — plus share-alike and no-derivatives content licenses, as licenseclassifier does for CC;
 * - reciprocal: copyleft limited to the licensed files or their modifications;
 * - notice: the license or copyright notice (or an attribution) must travel with copies;
 * - permissive: a license that asks for no notice at all;
 * - unencumbered: a public-domain dedication or waiver.
 * Ids that newer SPDX lists carry but `spdx-license-list` has no text for are marked "(by name)".
 */
export const REVIEWED_CATEGORIES: Readonly<Record<LicenseCategory, readonly string[]>> = {
  forbidden: [
    // Network copyleft (source owed to users over a network, or for internal deployment).
    'SSPL-1.0', 'CAL-1.0', 'CAL-1.0-Combined-Work-Exception', 'RPL-1.1', 'RPL-1.5',
    // Copyleft reaching every piece of software built with the work.
    'Parity-6.0.0', 'Parity-7.0.0',
    // Non-commercial.
    'CC-BY-NC-3.0-DE', 'CC-BY-NC-3.0-IGO', 'CC-BY-NC-ND-3.0-DE', 'CC-BY-NC-ND-3.0-IGO',
    'CC-BY-NC-SA-2.0-DE', 'CC-BY-NC-SA-2.0-FR', 'CC-BY-NC-SA-2.0-UK', 'CC-BY-NC-SA-3.0-DE', 'CC-BY-NC-SA-3.0-IGO',
    'PolyForm-Noncommercial-1.0.0', 'PolyForm-Small-Business-1.0.0', 'NCGL-UK-2.0', 'PPL', 'Aladdin', 'OpenPBS-2.3',
    'SUL-1.0',
    // Source-available: no competing product or service.
    'BUSL-1.1', 'Elastic-2.0', 'FSL-1.1-ALv2', 'FSL-1.1-MIT',
    // Field-of-use limits.
    'BSD-3-Clause-No-Military-License', 'BSD-3-Clause-No-Nuclear-License', 'BSD-3-Clause-No-Nuclear-License-2014',
    'Hippocratic-2.1', 'Hippocratic-3.0-core', 'JSON', 'MVT-1.1', 'CPOL-1.02', 'C-UDA-1.0',
    'ASWF-Digital-Assets-1.0', 'ASWF-Digital-Assets-1.1', 'MS-LPL', 'MMPL-1.0.1', 'UnRAR',
    // The WTFPL's derivatives.
    'WTFNMFPL', 'GLWTPL',
  ],
  restricted: [
    // The GNU family and other GPL-style licenses.
    'GFDL-1.1', 'GFDL-1.1-invariants', 'GFDL-1.1-no-invariants', 'GFDL-1.2', 'GFDL-1.2-invariants',
    'GFDL-1.2-no-invariants', 'GFDL-1.3', 'GFDL-1.3-invariants', 'GFDL-1.3-no-invariants',
    'LGPLLR', 'eCos-2.0', 'wxWindows', 'copyleft-next-0.3.0', 'copyleft-next-0.3.1', 'D-FSL-1.0', 'NGPL',
    'SMAIL-GPL', 'SimPL-2.0', 'TGPPL-1.0', 'Arphic-1999',
    'CECILL-1.0', 'CECILL-1.1', 'CECILL-2.0', 'CECILL-2.1',
    'EUPL-1.0', 'EUPL-1.1', 'EUPL-1.2',
    'ESA-PL-strong-copyleft-2.4', 'LiLiQ-Rplus-1.1', 'NPOSL-3.0', 'UCL-1.0', 'QPL-1.0-INRIA-2004',
    // Source of all software that uses it must be offered.
    'TOSL', 'TMate',
    // Strongly reciprocal hardware licenses.
    'CERN-OHL-1.1', 'CERN-OHL-1.2', 'CERN-OHL-S-2.0',
    // Share-alike and no-derivatives content, as licenseclassifier treats CC-BY-SA and CC-BY-ND.
    'CC-BY-SA-2.0-UK', 'CC-BY-SA-2.1-JP', 'CC-BY-SA-3.0-AT', 'CC-BY-SA-3.0-DE', 'CC-BY-SA-3.0-IGO',
    'CC-SA-1.0', 'CC-BY-ND-3.0-DE', 'ODbL-1.0', 'LAL-1.2', 'LAL-1.3', 'IEC-Code-Components-EULA',
  ],
  reciprocal: [
    // MPL-style: changes to the covered files stay under the license.
    'MPL-2.0-no-copyleft-exception', 'MS-RL', 'CATOSL-1.1', 'CUA-OPL-1.0', 'ErlPL-1.1', 'gSOAP-1.3b',
    'Interbase-1.0', 'Motosoto', 'Nokia', 'NOSL', 'OPL-1.0', 'RHeCos-1.1', 'RSCPL', 'SNIA', 'SPL-1.0',
    'SugarCRM-1.1.3', 'TPL-1.0', 'YPL-1.0', 'YPL-1.1', 'Zimbra-1.3', 'Zimbra-1.4', 'CPAL-1.0', 'OCLC-2.0',
    'RPSL-1.0', 'Watcom-1.0', 'OSET-PL-2.1', 'OCCT-PL', 'APL-1.0', 'BitTorrent-1.0', 'BitTorrent-1.1',
    'Frameworx-1.0', 'NASA-1.3', 'SISSL', 'SISSL-1.2', 'CECILL-C', 'LiLiQ-R-1.1', 'ESA-PL-weak-copyleft-2.4',
    'CERN-OHL-W-2.0', 'TAPR-OHL-1.0', 'CDLA-Sharing-1.0', 'CDL-1.0', 'GCR-docs',
    // Modified source must be made available with (or on request for) what is distributed.
    'FDK-AAC', 'FDK-MPEG-H' /* (by name) */, 'Glide', 'Sendmail', 'Sendmail-8.23', 'Sendmail-Open-Source-1.1',
    'VOSTROM', 'Vim', 'App-s2p',
    // Derived works keep the same terms.
    'Linux-man-pages-copyleft', 'Linux-man-pages-copyleft-2-para', 'Linux-man-pages-copyleft-var',
    'LPPL-1.0', 'LPPL-1.1', 'LPPL-1.2', 'LPPL-1.3a', 'LPPL-1.3c', 'IPA', 'Ubuntu-font-1.0',
    // Fonts and their derivatives stay under the license; software bundling them does not. licenseclassifier
    // has OFL-1.1 as by_exception_only, and reciprocal keeps it under review in the default policy.
    'OFL-1.0', 'OFL-1.0-no-RFN', 'OFL-1.0-RFN', 'OFL-1.1', 'OFL-1.1-no-RFN', 'OFL-1.1-RFN',
  ],
  notice: [
    // BSD variants.
    'BSD-2-Clause-Darwin', 'BSD-2-Clause-first-lines', 'BSD-2-Clause-Patent', 'BSD-2-Clause-pkgconf-disclaimer',
    'BSD-2-Clause-pos-unchanged' /* (by name) */, 'BSD-2-Clause-Views', 'BSD-3-Clause-acpica', 'BSD-3-Clause-flex',
    'BSD-3-Clause-HP', 'BSD-3-Clause-Modification', 'BSD-3-Clause-No-Nuclear-Warranty', 'BSD-3-Clause-Open-MPI',
    'BSD-3-Clause-OpenWebUI' /* (by name: keep the product's branding) */, 'BSD-3-Clause-Sun', 'BSD-3-Clause-Tso',
    'BSD-4-Clause-Shortened', 'BSD-4.3RENO', 'BSD-4.3TAHOE', 'BSD-Advertising-Acknowledgement',
    'BSD-ask-to-endorse' /* (by name) */, 'BSD-Attribution-HPND-disclaimer', 'BSD-Inferno-Nettverk',
    'BSD-Mark-Modifications', 'BSD-Source-alt-GPL' /* (by name) */, 'BSD-Source-beginning-file', 'BSD-Source-Code',
    'BSD-Source-Code-no-disclaimer' /* (by name) */, 'BSD-Systemics', 'BSD-Systemics-W3Works', 'DEC-3-Clause',
    'Brian-Gladman-2-Clause', 'Brian-Gladman-3-Clause', 'Brian-Gladman-3-Clause-no-conversion' /* (by name) */,
    'Mackerras-3-Clause', 'Mackerras-3-Clause-acknowledgment', 'AMPAS', 'NCL', 'Mup', 'NICTA-1.0', 'EUDatagrid',
    'CECILL-B', 'SSLeay-standalone', 'OpenSSL-standalone', 'Caldera', 'Caldera-no-preamble', 'Intel', 'OGC-1.0',
    // MIT and X11 variants.
    'MIT-advertising', 'MIT-Click', 'MIT-CMU', 'MIT-enna', 'MIT-feh', 'MIT-Festival', 'MIT-Khronos-old',
    'MIT-Modern-Variant', 'MIT-open-group', 'MIT-STK', 'MIT-testregex', 'MIT-Wu', 'MITNFA', 'AML', 'AML-glslang',
    'X11-distribute-modifications-variant', 'X11-no-permit-persons', 'X11-swapped', 'XFree86-1.1', 'JasPer-2.0',
    'ICU', 'Unicode-3.0', 'MulanPSL-1.0', 'MulanPSL-2.0', 'MirOS', 'OSC-1.0', 'ISC-Veillard', 'curl',
    // Historical Permission Notice and Disclaimer and its variants.
    'HPND', 'HPND-DEC', 'HPND-doc', 'HPND-doc-sell', 'HPND-export-US', 'HPND-export-US-acknowledgement',
    'HPND-export-US-modify', 'HPND-export2-US', 'HPND-Fenneberg-Livingston', 'HPND-INRIA-IMAG', 'HPND-Intel',
    'HPND-Kevlin-Henney', 'HPND-merchantability-variant', 'HPND-MIT-disclaimer', 'HPND-Netrek', 'HPND-Pbmplus',
    'HPND-sell-MIT-disclaimer-xserver', 'HPND-sell-regexpr', 'HPND-sell-variant',
    'HPND-sell-variant-critical-systems', 'HPND-sell-variant-MIT-disclaimer', 'HPND-sell-variant-MIT-disclaimer-rev',
    'HPND-SMC', 'HPND-UC', 'HPND-UC-export-US', 'HP-1986', 'HP-1989', 'CMU-Mach', 'CMU-Mach-nodoc',
    'SGI-OpenGL', 'Sun-PPP', 'Sun-PPP-2000', 'SunPro', 'UMich-Merit', 'Xerox', 'TekHVC', 'Martin-Birgmeier',
    // Apache-, Artistic- and Python-style licenses.
    'ECL-1.0', 'ECL-2.0', 'Entessa', 'VSL-1.0', 'Pixar', 'SHL-0.5', 'SHL-0.51',
    'ESA-PL-permissive-2.4', 'CERN-OHL-P-2.0', 'OLFL-1.3', 'Artistic-dist', 'ClArtistic', 'OGTSL',
    'CNRI-Jython', 'CNRI-Python', 'CNRI-Python-GPL-Compatible', 'PSF-2.0', 'Python-2.0.1', 'python-ldap', 'eGenix',
    'Condor-1.1', 'LiLiQ-P-1.1', 'UCAR', 'Xdebug-1.03',
    // Other attribution licenses for software.
    'AAL', 'Adobe-2006', 'Adobe-Display-PostScript', 'Adobe-Glyph', 'ADSL', 'Afmparse', 'AMD-newlib', 'AMDPLPA',
    'APAFML', 'any-OSI', 'any-OSI-perl-modules', 'atc-game' /* (by name) */, 'BlueOak-1.0.0', 'Boehm-GC',
    'Boehm-GC-without-fee', 'Buddy', 'bzip2-1.0.5', 'bzip2-1.0.6', 'Catharon', 'CFITSIO', 'check-cvs', 'checkmk',
    'COIL-1.0', 'Cornell-Lossless-JPEG', 'Cronyx', 'Crossword', 'CryptoSwift', 'CrystalStacker', 'Cube', 'DOC',
    'DSDP', 'dtoa', 'EFL-1.0', 'EFL-2.0', 'EPICS', 'Eurosym', 'Fair', 'FBM', 'Ferguson-Twofish', 'FSFAP',
    'FSFAP-no-warranty-disclaimer', 'FSFULLR', 'FSFULLRSD', 'FSFULLRWD', 'Furuseth', 'fwlw',
    'Game-Programming-Gems', 'GD', 'generic-xts', 'GL2PS', 'Glulxe', 'gnuplot', 'gtkbook', 'HDF5', 'hdparm',
    'HIDAPI', 'HTMLTIDY', 'IBM-pibs', 'IJG', 'IJG-short', 'iMatix', 'Imlib2', 'Info-ZIP',
    'Informatica' /* (by name) */, 'Inner-Net-2.0', 'InnoSetup', 'Intel-ACPI', 'ISO-permission', 'Jam', 'jove',
    'JPNIC', 'Kastrup', 'Kazlib', 'Leptonica', 'libpng-1.6.35', 'libpng-2.0', 'libtiff', 'libutil-David-Nugent',
    'LOOP', 'lsof', 'magaz', 'mailprio', 'MakeIndex', 'man2html', 'McPhee-slideshow', 'metamail', 'Minpack', 'MIPS',
    'MMIXware', 'MPEG-SSG', 'mpi-permissive', 'mpich2', 'MTLL', 'Multics', 'NAIST-2003', 'Naumen', 'NBPL-1.0',
    'Net-SNMP', 'NetCDF', 'Newsletr', 'ngrep', 'NIST-Software', 'Noweb', 'NRL', 'NTP', 'Nunit', 'OAR', 'OFFIS',
    'OLDAP-1.1', 'OLDAP-1.2', 'OLDAP-1.3', 'OLDAP-1.4', 'OLDAP-2.0', 'OLDAP-2.0.1', 'OLDAP-2.1', 'OLDAP-2.2',
    'OLDAP-2.2.1', 'OLDAP-2.2.2', 'OLDAP-2.3', 'OLDAP-2.4', 'OLDAP-2.5', 'OLDAP-2.6', 'OLDAP-2.7', 'OLDAP-2.8',
    'OML', 'OpenMDW-1.0', 'OSSP', 'PADL', 'pkgconf', 'Plexus', 'pnmstitch', 'psfrag', 'psutils', 'Qhull', 'radvd',
    'Rdisc', 'RSA-MD', 'Ruby-pty', 'Saxpath', 'SCEA', 'SGMLUG-PM', 'SMLNJ', 'SMPPL', 'snprintf', 'SOFA',
    'softSurfer', 'Soundex', 'Spencer-86', 'Spencer-94', 'Spencer-99', 'ssh-keyscan', 'SSH-OpenSSH',
    'StandardML-NJ', 'SWL', 'swrule', 'TCL', 'TCP-wrappers', 'TermReadKey', 'ThirdEye', 'TORQUE-1.1',
    'TrustedQSL', 'TTYP0', 'TU-Berlin-1.0', 'TU-Berlin-2.0', 'ulem', 'UnixCrypt', 'URT-RLE', 'Vixie-Cron', 'w3m',
    'Widget-Workshop', 'WordNet', 'wwl', 'Xfig', 'xinetd', 'xkeyboard-config-Zinoviev', 'xlock', 'xpp', 'XSkat',
    'xzoom', 'Zeeff', '3D-Slicer-1.0',
    // licenseclassifier's by_exception_only: both only ask that the notice be kept.
    'Beerware', 'OpenVision',
    // Fonts.
    'Adobe-Utopia', 'Baekmuk', 'Bitstream-Charter', 'Bitstream-Vera', 'Lucida-Bitmap-Fonts',
    'ParaType-Free-Font-1.3',
    // Documentation, standards text and dictionaries.
    'AdaCore-doc', 'Abstyles', 'Advanced-Cryptics-Dictionary', 'ALGLIB-Documentation', 'Bahyph',
    'CAPEC-tou', 'cve-tou', 'Community-Spec-1.0', 'DocBook-DTD', 'DocBook-Schema', 'DocBook-Stylesheet',
    'DocBook-XML', 'FreeBSD-DOC', 'HaskellReport', 'hyphen-bulgarian', 'Latex2e', 'Latex2e-translated-notice',
    'Linux-man-pages-1-para', 'LPD-document', 'OPUBL-1.0',
    // Attribution licenses for content and data.
    'CC-BY-2.5-AU', 'CC-BY-3.0-AT', 'CC-BY-3.0-AU', 'CC-BY-3.0-DE', 'CC-BY-3.0-IGO', 'CC-BY-3.0-NL',
    'CC-BY-3.0-US', 'CDLA-Permissive-1.0', 'CDLA-Permissive-2.0', 'ODC-By-1.0', 'O-UDA-1.0', 'DL-DE-BY-2.0',
    'etalab-2.0', 'NLOD-1.0', 'NLOD-2.0', 'OGDL-Taiwan-1.0', 'OGL-Canada-2.0', 'OGL-UK-1.0', 'OGL-UK-2.0',
    'OGL-UK-3.0', 'OPL-UK-3.0', 'DRL-1.0', 'DRL-1.1', 'JPL-image',
  ],
  permissive: [
    // Permission without a notice to keep; at most a request, or to rename or mark changed copies.
    'MIT-0', 'FSFUL', 'HPND-Markus-Kuhn', 'Clips', 'NTP-0', 'DL-DE-ZERO-2.0', 'mplus', 'diffmark', 'NLPL',
    'Borceux', 'Symlinks', 'Giftware', 'Graphics-Gems', 'SGP4', 'Gutmann', 'SL', 'TPDL', 'TTWL',
    'Bugroff' /* (by name) */, 'Aspell-RU', 'SchemeReport', 'SSH-short', 'Barr', 'Dotseqn', 'dvipdfm',
    'Knuth-CTAN', 'Wsuipa', 'threeparttable', 'Zed',
  ],
  unencumbered: [
    'ANTLR-PD', 'ANTLR-PD-fallback', 'bcrypt-Solar-Designer', 'blessing', 'BOLA-1.1', 'CC-PDDC', 'CC-PDM-1.0',
    'libselinux-1.0', 'LZMA-SDK-9.11-to-9.20', 'LZMA-SDK-9.22', 'NCBI-PD', 'NIST-PD', 'NIST-PD-fallback',
    'NIST-PD-TNT', 'NTIA-PD', 'PDDL-1.0', 'SAX-PD', 'SAX-PD-2.0', 'Unlicense-libtelnet', 'Unlicense-libwhirlpool',
  ],
};

/**
 * For an id a future SPDX list adds before this table names it: families recognised by id, first match
 * wins, most encumbering first. Anything else is `restricted` — an unreviewed license needs a look before it
 * is treated as harmless.
 */
export const FAMILY_RULES: ReadonlyArray<readonly [RegExp, LicenseCategory]> = [
  [/^(AGPL|SSPL|BUSL|FSL|PolyForm|Hippocratic|Parity)-|^CC-BY-NC(-|$)|-No-(Military|Nuclear)-License/, 'forbidden'],
  [/^(GPL|LGPL|GFDL|EUPL|OSL|CECILL-\d|copyleft-next)-|^CC-BY-(SA|ND)(-|$)/, 'restricted'],
  [/^(MPL|EPL|CDDL|CPL|APSL|MS-RL)(-|$)|^CECILL-C/, 'reciprocal'],
  [/^[A-Za-z]+-0$/, 'permissive'],
  [/^(BSD|MIT|HPND|X11|Apache|Artistic|ZPL|OLDAP|CC-BY)(-|$)/, 'notice'],
  [/-PD(-|$)|^CC0-/, 'unencumbered'],
];

export const UNREVIEWED_CATEGORY: LicenseCategory = 'restricted';
